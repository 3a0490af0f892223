package io.portwatch.deploy;

import io.portwatch.testing.LocalScripts;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service reads: the keys of its application.properties (any profile) and the keys its values refer to
 * ({@code ${key}}, e.g. a path policy switched by a property of the service's config mapping), the keys docs/operations.md's
 * configuration table and docs/fleet.md's list of keys document, and Kafka's own client settings under
 * {@code kafka.}.
 */
final class ServiceConfig {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern FLEET_KEY = Pattern.compile("`(portwatch\\.[a-z0-9.-]+)`");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z][a-z0-9.-]*)[:}]");
    private static final String KAFKA = "kafka.";
    /** Kafka's config providers (every client takes them): the list, and each one's class and parameters. */
    private static final Pattern CONFIG_PROVIDER = Pattern.compile("kafka\\.config\\.providers(\\.[a-z0-9-]+\\.(class|param\\.[a-z.-]+))?");

    private ServiceConfig() {
    }

    /** The keys of {@code properties} that the service does not read. */
    static Set<String> unknownKeys(String service, String properties) {
        Properties own = applicationProperties(service);
        Set<String> known = new HashSet<>(own.stringPropertyNames().stream()
                .map(key -> key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key)
                .toList());
        for (String key : own.stringPropertyNames()) {
            Matcher references = REFERENCE.matcher(own.getProperty(key));
            while (references.find()) {
                known.add(references.group(1));
            }
        }
        known.addAll(documentedKeys());
        known.addAll(fleetKeys());
        Set<String> kafka = new HashSet<>(ProducerConfig.configNames());
        kafka.addAll(ConsumerConfig.configNames());
        kafka.addAll(AdminClientConfig.configNames());

        Set<String> unknown = new HashSet<>();
        for (String key : load(properties).stringPropertyNames()) {
            boolean read = key.startsWith(KAFKA) ? kafka.contains(key.substring(KAFKA.length())) || CONFIG_PROVIDER.matcher(key).matches()
                    : known.contains(key);
            if (!read) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    /** The consumer group of the service's listener stream. */
    static String consumerGroup(String service) {
        return property(service, "portwatch.alert.listeners.group-id");
    }

    /** A key of the service's own application.properties, or null. */
    static String property(String service, String key) {
        return applicationProperties(service).getProperty(key);
    }

    private static Properties applicationProperties(String service) {
        try {
            return load(Files.readString(LocalScripts.root().resolve(Path.of(service, "src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The keys of docs/operations.md's configuration table; a row's later names are siblings of its first
     * ({@code `portwatch.probe.host.id`, `.name`} is {@code portwatch.probe.host.id} and {@code portwatch.probe.host.name}).
     */
    private static Set<String> documentedKeys() {
        try {
            List<String> lines = Files.readAllLines(LocalScripts.root().resolve("docs/operations.md"));
            int table = lines.indexOf("## Configuration");
            if (table < 0) {
                throw new IllegalStateException("docs/operations.md has no \"## Configuration\" heading: the configuration table moved");
            }
            Set<String> keys = new HashSet<>();
            for (String line : lines.subList(table + 1, lines.size())) {
                if (line.startsWith("## ")) {
                    break;
                }
                if (line.startsWith("| `")) {
                    Matcher names = CODE.matcher(line.substring(0, line.indexOf(" | ", 2)));
                    String first = null;
                    while (names.find()) {
                        String name = names.group(1);
                        if (first == null) {
                            first = name;
                            keys.add(name);
                        } else {
                            keys.add(first.substring(0, first.lastIndexOf('.') + 1) + (name.startsWith(".") ? name.substring(1) : name));
                        }
                    }
                }
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys docs/fleet.md names (its "Configuration keys"), each written out in full. */
    private static Set<String> fleetKeys() {
        try {
            Matcher names = FLEET_KEY.matcher(Files.readString(LocalScripts.root().resolve("docs/fleet.md")));
            Set<String> keys = new HashSet<>();
            while (names.find()) {
                keys.add(names.group(1));
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
