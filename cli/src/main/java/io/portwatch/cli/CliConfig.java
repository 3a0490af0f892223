package io.portwatch.cli;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Where the services are ({@code portwatch.cli.*}, or the environment variables of application.properties). */
@ConfigMapping(prefix = "portwatch.cli")
public interface CliConfig {

    /** registry-service base URL (env {@code PORTWATCH_REGISTRY_URL}). */
    String registryUrl();

    /** alert-service base URL (env {@code PORTWATCH_ALERT_URL}). */
    String alertUrl();

    /** probe-service base URL (env {@code PORTWATCH_PROBE_URL}). */
    String probeUrl();

    /** Kafka bootstrap servers, for following alerts (env {@code PORTWATCH_BOOTSTRAP_SERVERS}). */
    String bootstrapServers();

    /**
     * Bearer token (env {@code PORTWATCH_TOKEN}): needed for scans, and sent with every read when set (reads need a
     * viewer token where anonymous reads are off); {@code ./portwatch scan}, {@code probes} and {@code assets} make one
     * for local runs.
     */
    Optional<String> token();
}
