package io.portwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real, private Kafka broker for one test run: {@code deploy/local/kafka.sh} with its own state
 * directory and free ports, so runs never see each other's records.
 */
public final class KafkaBroker {

    private final Map<String, String> environment;
    private final String bootstrapServers;
    private final String tlsBootstrapServers;

    private KafkaBroker(Path stateDirectory, int port, KafkaTls tls) {
        Map<String, String> variables = new HashMap<>(Map.of("PORTWATCH_STATE", stateDirectory.toString(), "PORTWATCH_KAFKA_PORT",
                Integer.toString(port)));
        int tlsPort = tls == null ? 0 : FreePorts.any();
        if (tls != null) {
            variables.putAll(Map.of("PORTWATCH_KAFKA_TLS_PORT", Integer.toString(tlsPort), "PORTWATCH_KAFKA_TLS_KEYSTORE",
                    tls.brokerKeyStore().toString(), "PORTWATCH_KAFKA_TLS_PASSWORD", tls.password(), "PORTWATCH_KAFKA_TLS_CLIENT_CA",
                    tls.clientCert().toString()));
        }
        this.environment = Map.copyOf(variables);
        this.bootstrapServers = "127.0.0.1:" + port;
        this.tlsBootstrapServers = tls == null ? null : "127.0.0.1:" + tlsPort;
    }

    /** Formats and starts a fresh broker in a new directory under {@code parent}, with all topics created. */
    public static KafkaBroker start(Path parent) {
        return start(parent, null);
    }

    /**
     * The same, with a second client listener of TLS with client certificates (as the Kubernetes cluster's) on
     * {@link #tlsBootstrapServers()}, whose certificates are {@code tls}'s.
     */
    public static KafkaBroker start(Path parent, KafkaTls tls) {
        try {
            Files.createDirectories(parent);
            KafkaBroker broker = new KafkaBroker(Files.createTempDirectory(parent, "kafka-"), FreePorts.pair(), tls);
            LocalScripts.run("kafka.sh", broker.environment, "start");
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port} of the broker. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@code host:port} of the TLS listener; null when the broker has none. */
    public String tlsBootstrapServers() {
        return tlsBootstrapServers;
    }

    /** Starts this broker again after {@link #stop()}, with the data it had. */
    public void startAgain() {
        LocalScripts.run("kafka.sh", environment, "start");
    }

    /** Stops the broker process (its data stays, for {@link #startAgain()} and post-mortems). */
    public void stop() {
        LocalScripts.run("kafka.sh", environment, "stop");
    }
}
