package io.portwatch.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The fleet's secrets of one system test, in files as on a laptop: the enrol secret the probes are given and
 * the fleet secret alert-service derives probe keys from. Gives the config that makes alert-service refuse
 * unsigned records and a probe enrol and sign, and reads back a probe's saved identity (what a stolen key is).
 */
final class FleetSecrets {

    /** A probe's identity as its state file holds it. */
    record Identity(String probeId, byte[] key) {
    }

    private final Path directory;

    private FleetSecrets(Path directory) {
        this.directory = directory;
    }

    /** Writes fresh random secrets under {@code directory}, forgetting the identities probes saved there in a run before. */
    static FleetSecrets create(Path directory) {
        try {
            Files.createDirectories(directory);
            try (var saved = Files.newDirectoryStream(directory, "probe-*.json")) {
                for (Path file : saved) {
                    Files.delete(file);
                }
            }
            SecureRandom random = new SecureRandom();
            for (String name : new String[] {"enrol-secret", "fleet-secret"}) {
                byte[] secret = new byte[32];
                random.nextBytes(secret);
                Files.writeString(directory.resolve(name), Base64.getEncoder().encodeToString(secret), StandardCharsets.US_ASCII);
            }
            return new FleetSecrets(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** alert-service's config: enrolment on, unsigned records refused, network probes allowed {@code networkScopes}. */
    Map<String, String> alertConfig(String networkScopes) {
        return Map.of("portwatch.alert.require-signed-events", "true",
                "portwatch.alert.fleet.enrol-secret-file", directory.resolve("enrol-secret").toString(),
                "portwatch.alert.fleet.secret-file", directory.resolve("fleet-secret").toString(),
                "portwatch.alert.fleet.network-scopes", networkScopes);
    }

    /** A probe's config: it enrols at {@code alertPort} as {@code name} and keeps its identity in a file of its own. */
    Map<String, String> probeConfig(int alertPort, String name) {
        return Map.of("portwatch.probe.enrolment.url", "http://127.0.0.1:" + alertPort,
                "portwatch.probe.enrolment.secret-file", directory.resolve("enrol-secret").toString(),
                "portwatch.probe.enrolment.state-file", stateFile(name).toString());
    }

    /** The identity probe {@code name} saved at enrolment. */
    Identity identity(String name) {
        try {
            JsonNode state = new ObjectMapper().readTree(stateFile(name).toFile());
            return new Identity(state.path("probeId").asText(), Base64.getDecoder().decode(state.path("key").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path stateFile(String name) {
        return directory.resolve("probe-" + name + ".json");
    }
}
