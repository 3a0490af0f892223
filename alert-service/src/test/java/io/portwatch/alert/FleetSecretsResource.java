package io.portwatch.alert;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The fleet's secrets for alert-service's tests, written to files under {@code target/} as they are mounted in
 * production, with the silence check and the probe directory's reload made fast.
 */
public class FleetSecretsResource implements QuarkusTestResourceLifecycleManager {

    /** The enrol secret the tests enrol probes with. */
    public static final String ENROL_SECRET = "enrol-secret-of-the-test-fleet";
    /** The fleet secret probe keys are derived from. */
    public static final String FLEET_SECRET = "fleet-secret-of-the-test-run-0123456789abcdef";

    @Override
    public Map<String, String> start() {
        try {
            Path directory = Files.createDirectories(Path.of("target", "fleet"));
            Path enrol = Files.writeString(directory.resolve("enrol-secret"), ENROL_SECRET + "\n");
            Path fleet = Files.writeString(directory.resolve("secret"), FLEET_SECRET + "\n");
            return Map.of("portwatch.alert.fleet.enrol-secret-file", enrol.toString(),
                    "portwatch.alert.fleet.secret-file", fleet.toString(),
                    "portwatch.alert.fleet.silence-check", "1s",
                    "portwatch.alert.fleet.refresh", "1s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The files stay in target/ for post-mortems.
    }
}
