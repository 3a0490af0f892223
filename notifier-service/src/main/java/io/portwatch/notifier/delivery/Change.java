package io.portwatch.notifier.delivery;

import io.portwatch.events.finding.FindingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;

/**
 * One finding change read from an alert topic, as the outputs deliver it.
 *
 * @param record the record it was read from (kept for parking it unchanged)
 * @param event  the decoded finding change
 */
public record Change(ConsumerRecord<String, byte[]> record, FindingEvent event) {

    /** What a receiver dedupes on: one key per finding version, e.g. {@code 9f2c…@3} (also the CloudEvent id). */
    public String dedupKey() {
        return event.findingId() + "@" + event.version();
    }

    /** When alert-service wrote the change to Kafka, from which delivery latency is measured. */
    public Instant writtenAt() {
        return Instant.ofEpochMilli(record.timestamp());
    }
}
