package io.portwatch.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A real, private Kafka broker for one test run: {@code deploy/local/kafka.sh} with its own state
 * directory and free ports, so runs never see each other's records. The topics of {@code topics.conf} are created
 * here, by one Admin client, not by the script: it runs a JVM per topic, which costs 15 s of a shared two-core
 * machine for each of the suite's two dozen brokers (the script's way is still what {@code ./portwatch} and the
 * container image run).
 */
public final class KafkaBroker {

    private static final long TOPICS_DEADLINE_SECONDS = 60;

    private final Map<String, String> environment;
    private final String bootstrapServers;
    private final String tlsBootstrapServers;

    private KafkaBroker(Path stateDirectory, int port, KafkaTls tls) {
        Map<String, String> variables = new HashMap<>(Map.of("PORTWATCH_STATE", stateDirectory.toString(), "PORTWATCH_KAFKA_PORT",
                Integer.toString(port), "PORTWATCH_KAFKA_CREATE_TOPICS", "no"));
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
            broker.createTopics();
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

    /** Creates the topics of {@code deploy/local/topics.conf}, as {@code kafka.sh topics} would. */
    private void createTopics() {
        List<NewTopic> topics;
        try {
            topics = Files.readAllLines(LocalScripts.root().resolve("deploy/local/topics.conf")).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(KafkaBroker::topic)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics).values().values().forEach(KafkaBroker::createdOrExisting);
        }
    }

    /** A line of topics.conf: name, partitions and optional comma-separated configs. */
    private static NewTopic topic(String line) {
        String[] fields = line.split("\\s+");
        Map<String, String> configs = fields.length < 3 ? Map.of() : Arrays.stream(fields[2].split(","))
                .map(config -> config.split("=", 2))
                .collect(Collectors.toMap(config -> config[0], config -> config[1]));
        return new NewTopic(fields[0], Optional.of(Integer.parseInt(fields[1])), Optional.of((short) 1)).configs(configs);
    }

    private static void createdOrExisting(KafkaFuture<Void> created) {
        try {
            created.get(TOPICS_DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create a topic of topics.conf", e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("topics of topics.conf not created within " + TOPICS_DEADLINE_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** Starts this broker again after {@link #stop()}, with the data it had (its topics too). */
    public void startAgain() {
        LocalScripts.run("kafka.sh", environment, "start");
    }

    /** Stops the broker process (its data stays, for {@link #startAgain()} and post-mortems). */
    public void stop() {
        LocalScripts.run("kafka.sh", environment, "stop");
    }
}
