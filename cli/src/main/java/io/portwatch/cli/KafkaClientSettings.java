package io.portwatch.cli;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kafka client settings the services take, for the CLI's consumer: every {@code kafka.*} property (application
 * properties, {@code -D}, a file named by {@code QUARKUS_CONFIG_LOCATIONS}) and every {@code KAFKA_*} environment
 * variable ({@code KAFKA_SECURITY_PROTOCOL=SSL} is {@code security.protocol=SSL}), as Quarkus' Kafka extension reads
 * them. So the properties a deployment gives its services (TLS trust store, client key store) reach the broker's TLS
 * listener from {@code portwatch alerts} too.
 */
@ApplicationScoped
public class KafkaClientSettings {

    private static final String PREFIX = "kafka.";
    private static final String ENV_PREFIX = "KAFKA_";

    private final Map<String, String> settings;

    @Inject
    public KafkaClientSettings(Config config) {
        this(read(config));
    }

    /** These client settings (names without the {@code kafka.} prefix). */
    public KafkaClientSettings(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /**
     * A consumer's configuration: the bootstrap servers given, then these settings (a {@code kafka.bootstrap.servers}
     * among them wins), with offsets never committed.
     */
    Map<String, Object> consumer(String bootstrapServers) {
        Map<String, Object> consumer = new HashMap<>();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumer.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        consumer.putAll(settings);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return consumer;
    }

    private static Map<String, String> read(Config config) {
        Map<String, String> settings = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            String key = name.startsWith(PREFIX) ? name.substring(PREFIX.length())
                    : name.startsWith(ENV_PREFIX) ? name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.')
                    : null;
            if (key != null && !key.isEmpty()) {
                config.getOptionalValue(name, String.class).ifPresent(value -> settings.putIfAbsent(key, value));
            }
        }
        return settings;
    }
}
