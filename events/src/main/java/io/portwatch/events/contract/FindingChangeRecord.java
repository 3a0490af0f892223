package io.portwatch.events.contract;

import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Set;

/**
 * A record of an alert topic ({@code portwatch.alerts} and its routes) read as a finding change, checked as alert-service's
 * live feed checks it: a CloudEvent from alert-service ({@value #SOURCE}) of a finding-change type
 * ({@code portwatch.finding.<kind>}, one of {@link #KINDS}) whose value keeps {@link FindingEventContract}. Anyone who may
 * write to an alert topic can write anything there; a subscriber takes only what passes.
 *
 * @param kind  the change, from the CloudEvents type: {@code opened}, {@code resolved}, ...
 * @param event the finding change
 */
public record FindingChangeRecord(String kind, FindingEvent event) {

    /** The CloudEvents source of alert-service's finding changes. */
    public static final String SOURCE = "/portwatch/alert-service";
    /** What every finding change's CloudEvents type starts with. */
    public static final String TYPE_PREFIX = "portwatch.finding.";
    /** The kinds of change alert-service publishes (its {@code FindingChange.Kind}, in lower case). */
    public static final Set<String> KINDS = Set.of("opened", "updated", "acknowledged", "suppressed", "resolved", "reopened", "stale",
            "restored");

    /**
     * Reads a record.
     *
     * @throws MalformedEventException saying why the record is not alert-service's finding change
     */
    public static FindingChangeRecord read(ConsumerRecord<String, byte[]> record) {
        CloudEvent cloudEvent = CloudEvent.from(record.headers());
        if (!SOURCE.equals(cloudEvent.source())) {
            throw new MalformedEventException("another producer's record (CloudEvents source is not " + SOURCE + ")");
        }
        String type = cloudEvent.type();
        if (!type.startsWith(TYPE_PREFIX) || !KINDS.contains(type.substring(TYPE_PREFIX.length()))) {
            throw new MalformedEventException("not a finding-change type");
        }
        FindingEvent event = EventJson.fromBytes(record.value(), FindingEvent.class);
        FindingEventContract.violation(event).ifPresent(violation -> {
            throw new MalformedEventException(violation);
        });
        return new FindingChangeRecord(type.substring(TYPE_PREFIX.length()), event);
    }
}
