package io.portwatch.notifier.support;

import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.testing.TopicWriter;
import org.eclipse.microprofile.config.ConfigProvider;

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

    @Override
    public void close() {
        writer.close();
    }
}
