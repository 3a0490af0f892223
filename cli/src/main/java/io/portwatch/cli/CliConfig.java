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

    /** Bearer token for scans (env {@code PORTWATCH_TOKEN}); {@code ./portwatch scan} makes one for local runs. */
    Optional<String> token();
}
