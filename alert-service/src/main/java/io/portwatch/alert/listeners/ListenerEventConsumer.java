package io.portwatch.alert.listeners;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.findings.FindingChange;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.MalformedEventException;
import io.portwatch.events.listener.ListenerEvent;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Consumes {@code portwatch.listeners} in batches: decodes each record (undecodable ones go to the
 * dead-letter topic), correlates the batch in one database transaction, then publishes the finding
 * changes. Offsets are committed after this method returns, so after the transaction. While PostgreSQL
 * is unreachable the batch waits and is tried again (1 s, doubling up to 10 s): the service keeps
 * running, reports not-ready through the datasource's health check, and goes on by itself when the
 * database is back, the batch's offsets still uncommitted. A conflict with another instance (two
 * instances briefly holding the same partition during a rebalance) is tried again the same way.
 */
@ApplicationScoped
public class ListenerEventConsumer {

    static final String CHANNEL = "listeners";
    static final String EVENTS_METRIC = "portwatch.alert.listener.records";
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    private final Correlator correlator;
    private final DeadLetters deadLetters;
    private final Counter processed;
    private final Counter deadLettered;
    private final Counter outageRetries;
    private volatile boolean stopping;

    public ListenerEventConsumer(Correlator correlator, DeadLetters deadLetters, MeterRegistry registry) {
        this.correlator = correlator;
        this.deadLetters = deadLetters;
        this.processed = Counter.builder(EVENTS_METRIC).tag("result", "processed")
                .description("Listener records consumed").register(registry);
        this.deadLettered = Counter.builder(EVENTS_METRIC).tag("result", "dead-lettered")
                .description("Listener records consumed").register(registry);
        this.outageRetries = Counter.builder("portwatch.alert.batch.retries")
                .description("Batches tried again because PostgreSQL could not be reached or another instance changed the same findings").register(registry);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
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
        List<FindingChange> changes = correlateUntilStored(events);
        if (!changes.isEmpty()) {
            Log.infof("Correlated %d listener events: %d finding changes (%s)", events.size(), changes.size(), summary(changes));
        }
        changes.forEach(change -> Log.debugf("Finding %s %s: %s %s on %s:%s", change.event().findingId(), change.kind(),
                change.event().severity(), change.event().rule(), change.event().host().id(), change.event().listener().portKey()));
    }

    private List<FindingChange> correlateUntilStored(List<ListenerEvent> events) {
        Duration wait = FIRST_WAIT;
        while (true) {
            try {
                return correlator.correlate(events);
            } catch (RuntimeException e) {
                if (stopping || !TransientDatabaseFailure.causedBy(e)) {
                    throw e;
                }
                outageRetries.increment();
                Log.errorf("PostgreSQL cannot be reached, or another instance changed the same findings (%s): %d listener events"
                        + " wait, tried again in %d s",
                        rootMessage(e), events.size(), wait.toSeconds());
                pause(wait);
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while waiting for PostgreSQL", e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String summary(List<FindingChange> changes) {
        return changes.stream()
                .collect(Collectors.groupingBy(FindingChange::kind, TreeMap::new, Collectors.counting()))
                .entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
