package io.portwatch.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/**
 * A fresh RSA key pair for a test run, made in {@code target/} (never committed): the service
 * verifies tokens with the public key, and the tests sign theirs with the private one through
 * SmallRye JWT's builder ({@code smallrye.jwt.sign.key.location}).
 */
public class JwtKeysResource implements QuarkusTestResourceLifecycleManager {

    private static final int KEY_BITS = 2048;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            KeyPair pair = generator.generateKeyPair();
            Path directory = Files.createDirectories(Path.of("target", "jwt")).toAbsolutePath();
            Path publicKey = write(directory.resolve("public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
            Path privateKey = write(directory.resolve("private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
            return Map.of(
                    "mp.jwt.verify.publickey.location", publicKey.toString(),
                    "smallrye.jwt.sign.key.location", privateKey.toString(),
                    "smallrye.jwt.new-token.issuer", "portwatch");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an RSA key pair", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The keys stay in target/ for post-mortems; the next run makes new ones.
    }

    private static Path write(Path file, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        return Files.writeString(file, pem);
    }
}
