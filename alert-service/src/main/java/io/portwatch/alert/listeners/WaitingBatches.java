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
 * polled a few at a time waits for one transaction, not for one per poll. Taking more is held back while
 * {@code maxRecords} records or {@code maxBytes} bytes wait: the poller then pauses its partitions
 * ({@link ListenerPoller}) until a take leaves room. A record's bytes are its key's and value's as received (after
 * decompression), so a flood of the largest records a producer may write holds as little memory as the bound says,
 * not {@code maxRecords} times the largest record.
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

    WaitingBatches(int maxRecords, long maxBytes) {
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
