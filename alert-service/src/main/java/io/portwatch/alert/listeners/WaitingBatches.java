package io.portwatch.alert.listeners;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The listener batches polled while the ones before them are stored, in the order polled: the next transaction
 * takes all of them together (up to {@code maxRecords} records and {@code maxBytes} bytes), so a trickle of events
 * polled a few at a time waits for one transaction, not for one per poll. Polling more is held back while
 * {@code maxRecords} records or {@code maxBytes} bytes wait: the poller then pauses its partitions
 * ({@link ListenerPoller}) until a take leaves room. A record's bytes are its key's and value's as received (after
 * decompression). So a flood of large records holds at most one transaction's batches, what waits up to the bound,
 * and the one poll that reached it. One poll can still bring up to {@code maxRecords} records (its size on the wire
 * is what the consumer's fetch settings bound); a poll larger than {@code maxBytes} is taken alone.
 */
final class WaitingBatches {

    private static final CompletableFuture<Void> ROOM = CompletableFuture.completedFuture(null);

    /** A polled batch and its bytes, counted once as it is added. */
    private record Waiting(ConsumerRecords<String, ListenerRecord> batch, long bytes) {
    }

    private final int maxRecords;
    private final long maxBytes;
    private final Deque<Waiting> batches = new ArrayDeque<>();
    private int records;
    private long bytes;
    /** Completed once a take leaves room: the poller's next batch waits for it. */
    private CompletableFuture<Void> room = ROOM;

    /** @throws IllegalArgumentException when a bound is not positive: no poll would ever be taken */
    WaitingBatches(int maxRecords, long maxBytes) {
        if (maxRecords <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("portwatch.alert.listeners.max-poll-records (" + maxRecords
                    + ") and max-batch-bytes (" + maxBytes + ") must be positive");
        }
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /** Adds a polled batch; the stage completes when there is room for the next one. */
    synchronized CompletionStage<Void> add(ConsumerRecords<String, ListenerRecord> batch) {
        Waiting waiting = new Waiting(batch, bytesOf(batch));
        batches.add(waiting);
        records += batch.count();
        bytes += waiting.bytes();
        notifyAll();
        if (full() && room.isDone()) {
            room = new CompletableFuture<>();
        }
        return room;
    }

    /**
     * Waits for a batch, then takes the waiting batches in order: the first, and each next one while the records
     * and bytes taken stay within {@code maxRecords} and {@code maxBytes}.
     */
    List<ConsumerRecords<String, ListenerRecord>> take() throws InterruptedException {
        CompletableFuture<Void> freed;
        List<ConsumerRecords<String, ListenerRecord>> taken = new ArrayList<>();
        synchronized (this) {
            while (batches.isEmpty()) {
                wait();
            }
            int size = 0;
            long sizeBytes = 0;
            while (!batches.isEmpty() && (taken.isEmpty() || (size + batches.peek().batch().count() <= maxRecords
                    && sizeBytes + batches.peek().bytes() <= maxBytes))) {
                Waiting next = batches.poll();
                size += next.batch().count();
                sizeBytes += next.bytes();
                taken.add(next.batch());
            }
            records -= size;
            bytes -= sizeBytes;
            freed = full() ? null : room;
        }
        if (freed != null) {
            freed.complete(null);
        }
        return taken;
    }

    /** Records handed over and not taken yet. */
    synchronized int records() {
        return records;
    }

    /** The bytes of the records handed over and not taken yet. */
    synchronized long bytes() {
        return bytes;
    }

    private boolean full() {
        return records >= maxRecords || bytes >= maxBytes;
    }

    private static long bytesOf(ConsumerRecords<String, ListenerRecord> batch) {
        long sum = 0;
        for (ConsumerRecord<String, ListenerRecord> record : batch) {
            sum += Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
        }
        return sum;
    }
}
