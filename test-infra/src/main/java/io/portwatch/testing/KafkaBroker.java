package io.portwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
            KafkaBroker broker = new KafkaBroker(Files.createTempDirectory(parent, "kafka-"), freePortPair());
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

    /** A free port whose successor (the controller's port) is free too. */
    private static int freePortPair() {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = freePort();
            if (isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("found no two consecutive free ports on 127.0.0.1");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
