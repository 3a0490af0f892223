package io.portwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real, private Kafka broker for one test run: {@code deploy/local/kafka.sh} with its own state
 * directory and free ports, so runs never see each other's records.
 */
public final class KafkaBroker {

    private final Map<String, String> environment;
    private final String bootstrapServers;

    private KafkaBroker(Path stateDirectory, int port) {
        this.environment = Map.of("PORTWATCH_STATE", stateDirectory.toString(), "PORTWATCH_KAFKA_PORT", Integer.toString(port));
        this.bootstrapServers = "127.0.0.1:" + port;
    }

    /** Formats and starts a fresh broker in a new directory under {@code parent}, with all topics created. */
    public static KafkaBroker start(Path parent) {
        try {
            Files.createDirectories(parent);
            KafkaBroker broker = new KafkaBroker(Files.createTempDirectory(parent, "kafka-"), FreePorts.pair());
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

    /** Starts this broker again after {@link #stop()}, with the data it had. */
    public void startAgain() {
        LocalScripts.run("kafka.sh", environment, "start");
    }

    /** Stops the broker process (its data stays, for {@link #startAgain()} and post-mortems). */
    public void stop() {
        LocalScripts.run("kafka.sh", environment, "stop");
    }
}
