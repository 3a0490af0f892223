package io.portwatch.alert.listeners;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.deadletter.DeadLetters;
import io.quarkus.logging.Log;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A batch's refused listener records, dead-lettered once each, for {@link ListenerEventConsumer}'s thread. Once
 * Kafka has taken a batch's dead letters, their partitions' dead-letter positions ({@link ListenerPositions}) move
 * past them: the batch read again (its offsets not committed before a rebalance, as when the broker itself was away)
 * does not send those refused as read a second time. Sent again (at least once): a record the database refused,
 * whenever it is refused, and any record after a crash between Kafka taking its dead letter and the move. Those the
 * database refused are kept ({@link PendingRefusals}) until Kafka takes their dead letters, then forgotten here.
 */
final class RefusedRecords {

    private final DeadLetters deadLetters;
    private final ListenerPositions positions;
    private final PendingRefusals pending;
    private final StoreAttempts attempts;
    private final BooleanSupplier stopping;
    private final Counter retries;

    /** {@code stopping} tells when the service stops: dead letters Kafka has not taken then fail the batch. */
    RefusedRecords(DeadLetters deadLetters, ListenerPositions positions, PendingRefusals pending, StoreAttempts attempts,
            BooleanSupplier stopping, MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.positions = positions;
        this.pending = pending;
        this.attempts = attempts;
        this.stopping = stopping;
        this.retries = Counter.builder("portwatch.alert.dead.letters.retries")
                .description("Rounds of a batch's dead letters sent again or waited for again, Kafka not having taken them").register(registry);
    }

    /**
     * Of a batch's refused records (indexes into {@code values}, in order), those to dead-letter now: all but those
     * refused as they were read ({@code asRead}: by the contract gate, the decoder or a signature's check, which
     * refuse them again whenever the batch is read) that are below their partition's dead-letter position, sent when
     * the batch was first read. One the database refused always goes: another instance's position may have passed it
     * (a rebalance) without its dead letter.
     */
    List<Integer> toDeadLetter(List<ListenerRecord> values, List<Integer> asRead, List<Integer> refused) {
        if (asRead.isEmpty()) {
            return refused;
        }
        Set<Integer> firstRead = new HashSet<>(asRead);
        Set<Integer> notSent = new HashSet<>(attempts.untilStored(
                () -> positions.notDeadLettered(asRead, index -> values.get(index).position().orElse(null)), asRead.size()));
        List<Integer> letters = refused.stream().filter(index -> !firstRead.contains(index) || notSent.contains(index)).toList();
        if (letters.size() < refused.size()) {
            Log.infof("%d refused listener records were dead-lettered when their batch was first read: not sent again",
                    refused.size() - letters.size());
        }
        return letters;
    }

    /**
     * Dead-letters these refused records (by index) and waits until each is settled, then moves their partitions'
     * positions past them: the batch's offsets are committed once it is stored, and its dead letters must be settled
     * by then. While Kafka has not taken them (away past its delivery timeout, or still waiting for it), those that
     * failed are sent again and the others waited for, after 1 s, doubling up to 10 s, as {@link StoreAttempts} does
     * while PostgreSQL is away: the channel never fails for it, and goes on once Kafka takes them.
     *
     * @throws IllegalStateException when the service stops before Kafka takes them
     */
    void deadLetter(List<ConsumerRecord<String, ListenerRecord>> records, List<ListenerRecord> values, List<Integer> refused) {
        if (refused.isEmpty()) {
            return;
        }
        Map<Integer, CompletableFuture<Void>> letters = new LinkedHashMap<>();
        refused.forEach(index -> letters.put(index, deadLetters.listener(records.get(index), values.get(index).received(), reason(values, index))));
        Backoff backoff = new Backoff();
        Map<Integer, CompletableFuture<Void>> unsettled = deadLetters.awaitSettled(letters);
        while (!unsettled.isEmpty()) {
            if (stopping.getAsBoolean()) {
                throw new IllegalStateException(unsettled.size() + " dead letters not taken by Kafka when the service stopped");
            }
            retries.increment();
            Log.errorf("Kafka has not taken %d dead letters of listener records: tried again in %d s", unsettled.size(),
                    backoff.nextSeconds());
            backoff.pause();
            // Looked at again after the pause: a letter still waiting then may have been taken since, or have failed.
            Map<Integer, CompletableFuture<Void>> again = new LinkedHashMap<>();
            DeadLetters.unsettled(unsettled).forEach((index, letter) -> again.put(index, letter.isCompletedExceptionally()
                    ? deadLetters.listenerAgain(records.get(index), values.get(index).received(), reason(values, index))
                    : letter));
            unsettled = deadLetters.awaitSettled(again);
        }
        // A producer's timestamp may be anything (one ahead of the clock is refused for it): never past now. The
        // broker's (LogAppendTime, as deployed) is kept: the service's clock may lag the broker's.
        long now = System.currentTimeMillis();
        List<ListenerPosition> read = new ArrayList<>();
        List<ListenerPosition> lettered = new ArrayList<>();
        for (int index : refused) {
            boolean producers = records.get(index).timestampType() != TimestampType.LOG_APPEND_TIME;
            values.get(index).position().ifPresent(position -> {
                read.add(position);
                lettered.add(new ListenerPosition(position.partition(), position.offset(),
                        producers ? Math.min(position.timestamp(), now) : position.timestamp()));
            });
        }
        attempts.untilStored(() -> {
            positions.deadLettered(lettered);
            pending.deadLettered(read);
            return lettered;
        }, refused.size());
    }

    private static String reason(List<ListenerRecord> values, int index) {
        return values.get(index).malformed().orElseThrow();
    }
}
