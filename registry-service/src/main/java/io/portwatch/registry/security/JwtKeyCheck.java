package io.portwatch.registry.security;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Says at start, in one line, when the key that verifies tokens is missing: reads still work, but
 * writes answer 503 until it exists.
 */
@ApplicationScoped
public class JwtKeyCheck {

    static final String KEY_LOCATION = "mp.jwt.verify.publickey.location";

    private final Config config;

    public JwtKeyCheck(Config config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        config.getOptionalValue(KEY_LOCATION, String.class)
                .filter(location -> !location.contains(":") || location.startsWith("file:"))
                .map(location -> Path.of(location.replaceFirst("^file:", "")))
                .filter(path -> !Files.isReadable(path))
                .ifPresent(path -> Log.warnf("JWT public key %s cannot be read: writes will answer 503 until it exists "
                        + "(deploy/local/jwt.sh keys makes one for local runs)", path.toAbsolutePath()));
    }
}
