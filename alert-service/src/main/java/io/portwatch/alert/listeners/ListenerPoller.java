package io.portwatch.alert.listeners;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.memo.SnapshotFingerprints;
import io.portwatch.events.Topics;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads {@code portwatch.listeners} with a {@link KafkaConsumer} of its own, on a thread of its own ({@value #THREAD}):
 * each poll's records go to {@link ListenerEventConsumer} as Kafka returns them, and the offsets past what it stored
 * ({@link StoredOffsets}) are committed before the next poll, so no offset is committed before its record's transaction.
 * While a transaction's worth of records waits, the partitions are paused and the thread waits for room, polling only
 * every {@link #POLL} meanwhile (to stay in its group and hear rebalances: a rebalance then waits up to that long for
 * each of its steps this consumer takes in a poll). It stands where a SmallRye channel stood,
 * whose work per record (a message with its metadata and a Vert.x context, a header added and removed, a second copy
 * of each value) cost a fifth of the service's CPU per event
 * (bench/RESULTS.md, alert-plain-consumer-19). Like SmallRye's consumers it gets the {@code kafka.*} settings every
 * Kafka client of the service gets (TLS, SASL) and Micrometer's Kafka metrics (the CDI event Quarkus binds them on);
 * {@link ListenerRebalanceListener} hears its rebalances. It starts once the schema and the knowledge are ready
 * ({@link #start}) and stops before the database closes ({@link #stop}); a failure of the poll or of a transaction
 * ends it, leaving the group, and makes the service not live ({@link ListenerConsumerHealth}).
 */
@Singleton
public class ListenerPoller {

    static final String THREAD = "listener-poll";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final CompletionStage<Void> ROOM = CompletableFuture.completedFuture(null);

    private final Map<String, Object> settings;
    private final ListenerEventConsumer listeners;
    private final StoredOffsets offsets;
    private final ListenerRebalanceListener rebalances;
    private final Event<Consumer<?, ?>> created;
    private Thread thread;
    private volatile KafkaConsumer<String, ListenerRecord> consumer;
    private volatile boolean stopping;
    private volatile Throwable failure;
    /** Completed while the records handed over leave room for more; polling thread only. */
    private CompletionStage<Void> room = ROOM;

    public ListenerPoller(AlertConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            ListenerEventConsumer listeners, StoredOffsets offsets,
            @Identifier(ListenerRebalanceListener.NAME) ListenerRebalanceListener rebalances, Event<Consumer<?, ?>> created) {
        this.settings = settings(config.listeners(), kafka);
        this.listeners = listeners;
        this.offsets = offsets;
        this.rebalances = rebalances;
        this.created = created;
    }

    /** The consumer's settings: the service's {@code kafka.*} ones, then this consumer's own. */
    static Map<String, Object> settings(AlertConfig.Listeners config, Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        config.sessionTimeout().ifPresent(timeout -> settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
        return settings;
    }

    /** Starts polling, once; nothing once stopping. */
    public synchronized void start() {
        if (thread == null && !stopping) {
            thread = new Thread(this::pollUntilStopped, THREAD);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Stops polling: the consumer commits what is stored and leaves its group (so its partitions go to the other
     * instances at once, not after the session timeout). Waits for that at most {@link #STOP_WAIT}.
     */
    public void stop() {
        stopping = true;
        KafkaConsumer<String, ListenerRecord> polling = consumer;
        if (polling != null) {
            polling.wakeup();
        }
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            try {
                running.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether it was started and is still polling. */
    boolean polling() {
        return consumer != null && failure == null && !stopping;
    }

    /** Why polling ended other than by {@link #stop}; empty while it goes on. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private void pollUntilStopped() {
        try (KafkaConsumer<String, ListenerRecord> kafka = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ListenerRecordDeserializer())) {
            created.fire(kafka);
            consumer = kafka;
            kafka.subscribe(List.of(Topics.LISTENERS), new Rebalances(kafka));
            try {
                // One per consumer, on its polling thread: what it remembers is never shared.
                poll(kafka, new SnapshotFingerprints());
            } finally {
                commitSync(kafka, "stopping");
                created.fire(kafka); // fired again: Quarkus' observer unbinds its metrics
            }
        } catch (RuntimeException | Error e) {
            if (!stopping) {
                failed(e);
            }
        }
    }

    private void poll(KafkaConsumer<String, ListenerRecord> kafka, SnapshotFingerprints fingerprints) {
        while (!stopping) {
            Map<TopicPartition, OffsetAndMetadata> stored = owned(kafka, offsets.take());
            if (!stored.isEmpty()) {
                kafka.commitAsync(stored, (committed, e) -> {
                    if (e != null) {
                        Log.warnf("Offsets of stored listener records not committed (%s): the records are read again and skipped", e.getMessage());
                    }
                });
            }
            Optional<Throwable> storeFailed = listeners.failure();
            if (storeFailed.isPresent()) {
                failed(storeFailed.get());
                return;
            }
            boolean free = awaitRoom(kafka);
            if (free) {
                kafka.resume(kafka.paused());
            }
            // Paused, it polls only to stay in the group, without waiting: it waited for room instead.
            ConsumerRecords<String, ListenerRecord> polled = kafka.poll(free ? POLL : Duration.ZERO);
            if (!polled.isEmpty()) {
                polled.forEach(record -> {
                    if (record.value() != null) {
                        record.value().fingerprintedBy(fingerprints, record.key());
                    }
                });
                room = listeners.take(polled);
            }
        }
    }

    /**
     * Whether a transaction's worth of records waits no more, waiting for that at most {@link #POLL} with every partition
     * held paused: a take that leaves room wakes it at once. It used to poll every 5 ms instead, which woke the thread
     * 200 times a second while a transaction ran (most of the time on the fleet mix) and drove the consumer's poll path
     * into the JIT's C2 compiler late in a run (bench/RESULTS.md, alert-room-wait-39). After a failed store the wait
     * runs out and the loop finds the failure. Polling thread only.
     */
    private boolean awaitRoom(KafkaConsumer<String, ListenerRecord> kafka) {
        CompletableFuture<Void> waiting = room.toCompletableFuture();
        if (waiting.isDone()) {
            return true;
        }
        kafka.pause(kafka.assignment());
        try {
            waiting.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true; // done, as a failed take's stage is: the loop finds the failure
        } catch (InterruptedException e) {
            throw new InterruptException(e); // interrupts the thread again, as Kafka's own blocking calls do
        }
    }

    /**
     * The offsets of partitions this consumer still holds: a batch stored after its partition went to another instance
     * must not move that instance's committed offset back (its records were read there again and skipped).
     */
    private static Map<TopicPartition, OffsetAndMetadata> owned(KafkaConsumer<String, ListenerRecord> kafka,
            Map<TopicPartition, OffsetAndMetadata> stored) {
        if (!stored.isEmpty()) {
            stored.keySet().retainAll(kafka.assignment());
        }
        return stored;
    }

    private void commitSync(KafkaConsumer<String, ListenerRecord> kafka, String when) {
        Map<TopicPartition, OffsetAndMetadata> stored = owned(kafka, offsets.take());
        if (stored.isEmpty()) {
            return;
        }
        try {
            commitOnce(kafka, stored);
        } catch (KafkaException e) {
            Log.warnf("Offsets of stored listener records not committed %s (%s): the records are read again and skipped", when, e.getMessage());
        }
    }

    /** Commits, once more if a {@link #stop} woke the consumer meanwhile (a wakeup is spent once thrown). */
    private static void commitOnce(KafkaConsumer<String, ListenerRecord> kafka, Map<TopicPartition, OffsetAndMetadata> stored) {
        try {
            kafka.commitSync(stored);
        } catch (WakeupException e) {
            kafka.commitSync(stored);
        }
    }

    private void failed(Throwable e) {
        failure = e;
        Log.errorf(e, "The listener consumer stopped: %s", e.getMessage());
    }

    /** Commits what is stored before partitions go, then tells {@link ListenerRebalanceListener}. */
    private final class Rebalances implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, ListenerRecord> kafka;

        Rebalances(KafkaConsumer<String, ListenerRecord> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitSync(kafka, "as partitions were revoked");
            rebalances.onPartitionsRevoked(kafka, partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!room.toCompletableFuture().isDone()) {
                kafka.pause(partitions); // else this very poll could return more than the bound
            }
            rebalances.onPartitionsAssigned(kafka, partitions);
        }

        /** Partitions lost (the group moved on without this consumer): nothing to commit, they are another's now. */
        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            rebalances.onPartitionsRevoked(kafka, partitions);
        }
    }
}
