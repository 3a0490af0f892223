package io.portwatch.alert.listeners;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.findings.FindingChange;
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
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Consumes {@code portwatch.listeners} in batches: correlates the batch in one database transaction
 * (decoding what it needs), publishes the finding changes, and sends the records that are not listener
 * events to the dead-letter topic. Offsets are committed after this method returns, so after the
 * transaction. While PostgreSQL is unreachable the batch waits and is tried again (1 s, doubling up to
 * 10 s): the service keeps running, reports not-ready through the datasource's health check, and goes
 * on by itself when the database is back, the batch's offsets still uncommitted. A conflict with another
 * instance (two instances briefly holding the same partition during a rebalance) is tried again the
 * same way.
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
    public void consume(ConsumerRecords<String, ListenerRecord> records) {
        List<ListenerRecord> values = new ArrayList<>(records.count());
        // A record without a value (the deserializer is not given one) cannot be decoded either.
        records.forEach(record -> values.add(record.value() == null ? ListenerRecord.empty() : record.value()));
        List<FindingChange> changes = correlateUntilStored(values);
        int malformed = 0;
        int index = 0;
        for (ConsumerRecord<String, ListenerRecord> record : records) {
            ListenerRecord value = values.get(index++);
            Optional<String> reason = value.malformed();
            if (reason.isPresent()) {
                deadLetters.send(record, value.json(), reason.get());
                malformed++;
            }
        }
        processed.increment(values.size() - malformed);
        deadLettered.increment(malformed);
        if (!changes.isEmpty()) {
            Log.infof("Correlated %d listener events: %d finding changes (%s)", values.size() - malformed, changes.size(), summary(changes));
        }
        changes.forEach(change -> Log.debugf("Finding %s %s: %s %s on %s:%s", change.event().findingId(), change.kind(),
                change.event().severity(), change.event().rule(), change.event().host().id(), change.event().listener().portKey()));
    }

    private List<FindingChange> correlateUntilStored(List<ListenerRecord> records) {
        Duration wait = FIRST_WAIT;
        while (true) {
            try {
                return correlator.correlate(records);
            } catch (RuntimeException e) {
                if (stopping || !TransientDatabaseFailure.causedBy(e)) {
                    throw e;
                }
                outageRetries.increment();
                Log.errorf("PostgreSQL cannot be reached, or another instance changed the same findings (%s): %d listener events"
                        + " wait, tried again in %d s",
                        rootMessage(e), records.size(), wait.toSeconds());
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
