package io.portwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;

/**
 * A fresh RSA key pair for one test run (never committed), written as PEM files: services verify
 * tokens with {@link #publicKey()}; tests sign theirs with {@link #token}. Issuer {@value #ISSUER}; each service
 * accepts only tokens that name it in {@code aud} ({@link #REGISTRY_AUDIENCE}, {@link #ALERT_AUDIENCE},
 * {@link #PROBE_AUDIENCE}) and live at most {@value #MAX_TOKEN_SECONDS} s.
 */
public final class JwtKeys {

    public static final String ISSUER = "portwatch";
    public static final String REGISTRY_AUDIENCE = "portwatch-registry";
    public static final String ALERT_AUDIENCE = "portwatch-alert";
    public static final String PROBE_AUDIENCE = "portwatch-probe";
    /** Every service's audience: one token for all, as {@code deploy/local/jwt.sh} makes for the CLI. */
    public static final List<String> AUDIENCES = List.of(REGISTRY_AUDIENCE, ALERT_AUDIENCE, PROBE_AUDIENCE);
    /** The services' {@code smallrye.jwt.time-to-live}: the longest {@code exp - iat} they accept. */
    public static final long MAX_TOKEN_SECONDS = 3600;
    private static final int KEY_BITS = 2048;
    private static final long TOKEN_SECONDS = 600;

    private final KeyPair pair;
    private final Path publicKey;
    private final Path privateKey;

    private JwtKeys(KeyPair pair, Path publicKey, Path privateKey) {
        this.pair = pair;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** Makes a key pair and writes {@code public.pem} and {@code private.pem} into {@code directory}. */
    public static JwtKeys generate(Path directory) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createDirectories(directory).toAbsolutePath();
            return new JwtKeys(pair, pem(dir.resolve("public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded()),
                    pem(dir.resolve("private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an RSA key pair", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The public key's PEM file, for {@code mp.jwt.verify.publickey.location}. */
    public Path publicKey() {
        return publicKey;
    }

    /** The private key's PEM file, for {@code smallrye.jwt.sign.key.location}. */
    public Path privateKey() {
        return privateKey;
    }

    /**
     * An RS256 token for {@code subject} with {@code role} in its groups and every service's audience, valid for
     * ten minutes (signed here with the JDK, for tests outside a Quarkus application).
     */
    public String token(String subject, String role) {
        long now = System.currentTimeMillis() / 1000;
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = base64Url("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                + "\",\"aud\":[\"" + String.join("\",\"", AUDIENCES) + "\"],\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + TOKEN_SECONDS) + "}");
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(pair.getPrivate());
            rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Path pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }
}
