package io.portwatch.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;

/**
 * Fresh JWT keys (see {@link JwtKeys}) for a module's {@code @QuarkusTest}s: the service verifies
 * with the public key; tests sign with SmallRye JWT's builder, which reads the private key from
 * {@code smallrye.jwt.sign.key.location}.
 */
public class JwtKeysResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        JwtKeys keys = JwtKeys.generate(Path.of("target", "jwt"));
        return Map.of(
                "mp.jwt.verify.publickey.location", keys.publicKey().toString(),
                "smallrye.jwt.sign.key.location", keys.privateKey().toString(),
                "smallrye.jwt.new-token.issuer", JwtKeys.ISSUER);
    }

    @Override
    public void stop() {
        // The keys stay in target/ for post-mortems; the next run makes new ones.
    }
}
