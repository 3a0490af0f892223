package io.portwatch.notifier.support;

import io.portwatch.events.contract.DeadLetterHeaders;
import io.portwatch.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads {@code portwatch.alerts.undeliverable} as an operator's consumer would: the parked changes and their reasons. */
public final class Undeliverable implements AutoCloseable {

    private static final String TOPIC = "portwatch.alerts.undeliverable";

    /** A parked change: which output, the finding it belongs to (the key), the reason. */
    public record Parked(String output, String findingId, String reason, byte[] value) {
    }

    private final TopicReader reader;

    public Undeliverable(String bootstrapServers) {
        this.reader = new TopicReader(bootstrapServers, TOPIC);
    }

    /** The changes one output parked for one finding, read so far. */
    public List<Parked> of(String output, String findingId) {
        return reader.poll().stream().map(Undeliverable::parked)
                .filter(parked -> output.equals(parked.output()) && findingId.equals(parked.findingId())).toList();
    }

    private static Parked parked(ConsumerRecord<String, byte[]> record) {
        return new Parked(header(record, "notifier-output"), record.key(), header(record, DeadLetterHeaders.REASON), record.value());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        reader.close();
    }
}
