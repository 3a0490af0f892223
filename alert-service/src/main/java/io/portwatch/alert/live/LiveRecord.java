package io.portwatch.alert.live;

import io.portwatch.alert.findings.FindingChange;
import io.portwatch.alert.outbox.OutboxPublisher;
import io.portwatch.events.contract.FindingEventContract;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a record of {@code portwatch.alerts} for the live stream, checked where it enters: anyone who may write to
 * the topic can write anything there, so a record is taken only when it is a CloudEvent from this service
 * ({@link OutboxPublisher#SOURCE}) of a known finding-change type whose value keeps {@link FindingEventContract}.
 */
final class LiveRecord {

    private static final String TYPE_PREFIX = "portwatch.finding.";
    private static final Set<String> TYPES = Arrays.stream(FindingChange.Kind.values())
            .map(FindingChange.Kind::cloudEventType).collect(Collectors.toUnmodifiableSet());

    private LiveRecord() {
    }

    /**
     * The record as a live change.
     *
     * @throws MalformedEventException saying why the record is not one of this service's finding changes
     */
    static LiveChange read(ConsumerRecord<String, byte[]> record) {
        CloudEvent cloudEvent = CloudEvent.from(record.headers());
        if (!OutboxPublisher.SOURCE.equals(cloudEvent.source())) {
            throw new MalformedEventException("another producer's record (CloudEvents source is not " + OutboxPublisher.SOURCE + ")");
        }
        if (!TYPES.contains(cloudEvent.type())) {
            throw new MalformedEventException("not a finding-change type");
        }
        FindingEvent event = EventJson.fromBytes(record.value(), FindingEvent.class);
        FindingEventContract.violation(event).ifPresent(violation -> {
            throw new MalformedEventException(violation);
        });
        return new LiveChange(cloudEvent.type().substring(TYPE_PREFIX.length()).toLowerCase(Locale.ROOT), event);
    }
}
