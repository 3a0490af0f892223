package io.portwatch.alert.listeners;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.deadletter.DeadLetters;
import io.portwatch.alert.findings.FindingChange;
import io.portwatch.alert.fleet.Impersonations;
import io.portwatch.alert.fleet.KnownProbe;
import io.portwatch.alert.fleet.ProbeLiveness;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stores the batches {@link ListenerPoller} polls from {@code portwatch.listeners}, one transaction at a time on a
 * thread of its own: the batches polled while a transaction runs wait ({@link WaitingBatches}) and the next transaction takes them together,
 * in the order polled (one transaction per poll made a trickle of events, a few per poll, wait behind the small
 * transactions before it: bench/RESULTS.md, alert-latency-9). What is taken is judged in memory
 * ({@link Correlator#judge}), then stored ({@link Correlator#store}: one database transaction, then its finding
 * changes are published); records that are not listener events then go to the dead-letter topic, once each even
 * when their batch is read again ({@link RefusedRecords}), and only then are
 * the batches' offsets handed to the poller ({@link StoredOffsets}), which commits them after their transaction. (Judging a batch while the one
 * before it was stored, on a thread of its own, gained nothing: bench/RESULTS.md, alert-pipelined-store.) While PostgreSQL is
 * unreachable a batch waits and is tried again (1 s, doubling up to 10 s): the service keeps running,
 * reports not-ready through the datasource's health check, and goes on by itself when the database is back,
 * the batch's offsets still uncommitted. A conflict with another instance (two instances briefly holding the
 * same partition during a rebalance) is tried again the same way. A record an enrolled probe signed for a host it
 * may not speak for raises {@code probe-impersonation} before the batch's offsets are handed on; a valid record of a
 * probe held as silent revives it before its batch is stored.
 */
@ApplicationScoped
public class ListenerEventConsumer {

    static final String EVENTS_METRIC = "portwatch.alert.listener.records";
    static final String BATCH_METRIC = "portwatch.alert.listener.transaction.records";
    static final String WAITING_METRIC = "portwatch.alert.listener.waiting.records";
    static final String WAITING_BYTES_METRIC = "portwatch.alert.listener.waiting.bytes";

    private final Correlator correlator;
    private final ListenerContractGate gate;
    private final Impersonations impersonations;
    private final ProbeLiveness liveness;
    private final Counter processed;
    private final Counter deadLettered;
    private final Counter alreadyDeadLettered;
    private final StoreAttempts attempts;
    private final RefusedRecords refusedRecords;
    private final PendingRefusals pending;
    private final DistributionSummary batchSizes;
    private final WaitingBatches waiting;
    private final StoredOffsets offsets;
    private final Thread worker;
    private volatile boolean stopping;
    /** Why a batch could not be stored: nothing more is taken, and the poller stops. */
    private volatile Throwable failure;

    public ListenerEventConsumer(Correlator correlator, ListenerContractGate gate, DeadLetters deadLetters,
            Impersonations impersonations, ProbeLiveness liveness, MeterRegistry registry, StoredOffsets offsets,
            ListenerPositions positions, PendingRefusals pending, AlertConfig config) {
        this.offsets = offsets;
        this.correlator = correlator;
        this.gate = gate;
        this.impersonations = impersonations;
        this.liveness = liveness;
        this.processed = Counter.builder(EVENTS_METRIC).tag("result", "processed")
                .description("Listener records consumed").register(registry);
        this.deadLettered = Counter.builder(EVENTS_METRIC).tag("result", "dead-lettered")
                .description("Listener records consumed").register(registry);
        this.alreadyDeadLettered = Counter.builder(EVENTS_METRIC).tag("result", "already-dead-lettered")
                .description("Listener records consumed").register(registry);
        this.pending = pending;
        this.attempts = new StoreAttempts(correlator, pending, () -> stopping, registry);
        this.refusedRecords = new RefusedRecords(deadLetters, positions, pending, attempts, () -> stopping, registry);
        this.batchSizes = DistributionSummary.builder(BATCH_METRIC)
                .description("Listener records stored per transaction: the batches polled while the one before was stored").register(registry);
        this.waiting = new WaitingBatches(config.listeners().maxPollRecords(), config.listeners().maxBatchBytes());
        Gauge.builder(WAITING_METRIC, waiting, WaitingBatches::records)
                .description("Listener records polled and waiting for the transaction that stores them").register(registry);
        Gauge.builder(WAITING_BYTES_METRIC, waiting, WaitingBatches::bytes).baseUnit("bytes")
                .description("Bytes (keys and values as received) of the listener records waiting for a transaction;"
                        + " polling pauses at portwatch.alert.listeners.max-batch-bytes").register(registry);
        this.worker = new Thread(this::storeInTurn, "listener-store");
        worker.setDaemon(true);
    }

    void onStart(@Observes StartupEvent event) {
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        worker.interrupt();
    }

    /**
     * Hands a polled batch to the worker, which stores it with the batches polled while the ones before them were
     * stored; the stage completes when there is room for the next batch (fails once a batch could not be stored).
     */
    CompletionStage<Void> take(ConsumerRecords<String, ListenerRecord> batch) {
        Throwable failed = failure;
        return failed != null ? CompletableFuture.failedFuture(failed) : waiting.add(batch);
    }

    /** Why a batch could not be stored: nothing more is taken. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The worker: stores what waits, one transaction after another, until the service stops or a batch cannot be stored. */
    private void storeInTurn() {
        while (!stopping && failure == null) {
            List<ConsumerRecords<String, ListenerRecord>> batches;
            try {
                batches = waiting.take();
            } catch (InterruptedException e) {
                return;
            }
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate();
            try {
                storeTogether(batches);
                offsets.stored(batches);
            } catch (RuntimeException | Error e) {
                // Not committed (shutting down, or a failure retrying cannot mend): consumed again after the restart.
                // An Error too: the service stops being live rather than waiting on a dead thread.
                failure = e;
            } finally {
                requestContext.terminate();
            }
        }
    }

    /** Judges the batches as one and stores them (the caller acknowledges them once stored, or fails them). */
    private void storeTogether(List<ConsumerRecords<String, ListenerRecord>> batches) {
        List<ConsumerRecord<String, ListenerRecord>> records = new ArrayList<>();
        for (ConsumerRecords<String, ListenerRecord> polled : batches) {
            polled.forEach(records::add);
        }
        batchSizes.record(records.size());
        List<ListenerRecord> values = new ArrayList<>(records.size());
        // A record without a value (the deserializer is not given one) cannot be decoded either.
        records.forEach(record -> values.add((record.value() == null ? ListenerRecord.empty() : record.value()).polledFrom(record)));
        gate.admit(records, values);
        // Read again before their dead letters were taken: passed as stored, they would be lost.
        List<Integer> refusedAgain = attempts.untilStored(() -> pending.refuseAgain(values), values.size());
        JudgedBatch judged = correlator.judge(values);
        try {
            store(records, values, judged, refusedAgain);
        } finally {
            correlator.release(judged);
        }
    }

    private void store(List<ConsumerRecord<String, ListenerRecord>> records, List<ListenerRecord> values, JudgedBatch judged,
            List<Integer> refusedAgain) {
        // A silent probe heard again first: its STALE findings return, then this batch judges them.
        for (KnownProbe probe : signers(values)) {
            attempts.untilStored(() -> {
                liveness.heard(probe);
                return List.of();
            }, 1);
        }
        List<Integer> asRead = refused(values);
        asRead.removeAll(refusedAgain);
        List<FindingChange> changes = attempts.isolatingPoison(judged, values);
        List<Integer> refused = refused(values);
        // Of a batch read again, those refused as read were dead-lettered (and raised) when it was first read.
        List<Integer> letters = refusedRecords.toDeadLetter(values, asRead, refused);
        Map<KnownProbe, List<String>> impersonated = new LinkedHashMap<>();
        for (int index : letters) {
            ListenerRecord value = values.get(index);
            value.impersonation().ifPresent(attempt -> impersonated
                    .computeIfAbsent(value.signer().orElseThrow(), probe -> new ArrayList<>()).add(attempt));
        }
        if (!impersonated.isEmpty()) {
            attempts.untilStored(() -> impersonations.raise(impersonated), impersonated.size());
        }
        refusedRecords.deadLetter(records, values, letters);
        processed.increment(values.size() - refused.size());
        deadLettered.increment(letters.size());
        alreadyDeadLettered.increment(refused.size() - letters.size());
        FindingChangeLog.log(values.size() - refused.size(), changes);
    }

    /** The indexes of the records refused so far, in order. */
    private static List<Integer> refused(List<ListenerRecord> values) {
        List<Integer> refused = new ArrayList<>();
        for (int index = 0; index < values.size(); index++) {
            if (values.get(index).malformed().isPresent()) {
                refused.add(index);
            }
        }
        return refused;
    }

    /** The probes that signed a record of the batch not refused, each once, in the order first seen. */
    private static Set<KnownProbe> signers(List<ListenerRecord> values) {
        Set<KnownProbe> signers = new LinkedHashSet<>();
        for (ListenerRecord value : values) {
            if (value.malformed().isEmpty()) {
                value.signer().ifPresent(signers::add);
            }
        }
        return signers;
    }
}
