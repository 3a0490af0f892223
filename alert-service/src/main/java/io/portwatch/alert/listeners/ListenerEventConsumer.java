package io.portwatch.alert.listeners;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.findings.FindingChange;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.MalformedEventException;
import io.portwatch.events.listener.ListenerEvent;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Consumes {@code portwatch.listeners} in batches: decodes each record (undecodable ones go to the
 * dead-letter topic), correlates the batch in one database transaction, then publishes the finding
 * changes. Offsets are committed after this method returns, so after the transaction.
 */
@ApplicationScoped
public class ListenerEventConsumer {

    static final String CHANNEL = "listeners";
    static final String EVENTS_METRIC = "portwatch.alert.listener.records";

    private final Correlator correlator;
    private final DeadLetters deadLetters;
    private final Counter processed;
    private final Counter deadLettered;

    public ListenerEventConsumer(Correlator correlator, DeadLetters deadLetters, MeterRegistry registry) {
        this.correlator = correlator;
        this.deadLetters = deadLetters;
        this.processed = Counter.builder(EVENTS_METRIC).tag("result", "processed")
                .description("Listener records consumed").register(registry);
        this.deadLettered = Counter.builder(EVENTS_METRIC).tag("result", "dead-lettered")
                .description("Listener records consumed").register(registry);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<ListenerEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(EventJson.fromBytes(record.value(), ListenerEvent.class));
            } catch (MalformedEventException e) {
                deadLetters.send(record, e.getMessage());
                deadLettered.increment();
            }
        }
        processed.increment(events.size());
        List<FindingChange> changes = correlator.correlate(events);
        if (!changes.isEmpty()) {
            Log.infof("Correlated %d listener events: %d finding changes (%s)", events.size(), changes.size(), summary(changes));
        }
        changes.forEach(change -> Log.debugf("Finding %s %s: %s %s on %s:%s", change.event().findingId(), change.kind(),
                change.event().severity(), change.event().rule(), change.event().host().id(), change.event().listener().portKey()));
    }

    private static String summary(List<FindingChange> changes) {
        return changes.stream()
                .collect(Collectors.groupingBy(FindingChange::kind, TreeMap::new, Collectors.counting()))
                .entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
