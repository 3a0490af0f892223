package io.portwatch.notifier.support;

import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.testing.TopicWriter;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Instant;

/** Writes finding changes to {@code portwatch.alerts} of the test's broker, as alert-service does. */
public final class AlertsTopic implements AutoCloseable {

    private final TopicWriter writer = new TopicWriter(bootstrapServers());

    /** The test broker's address, from the running application's config. */
    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Writes the changes, in order. */
    public void write(FindingEvent... events) {
        for (FindingEvent event : events) {
            Findings.write(writer, Topics.ALERTS, event);
        }
    }

    /** Writes a record that need not be a finding change: any value, any CloudEvent source and type (null: no headers). */
    public void writeRaw(String key, byte[] value, String source, String type) {
        Findings.write(writer, Topics.ALERTS, key, value, source, type, Instant.now());
    }

    @Override
    public void close() {
        writer.close();
    }
}
