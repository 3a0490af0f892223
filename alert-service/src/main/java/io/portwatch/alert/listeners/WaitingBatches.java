package io.portwatch.alert.listeners;

import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The listener batches polled while the ones before them are stored, in the order polled: the next transaction
 * takes all of them together (up to {@code maxRecords} records), so a trickle of events polled a few at a time
 * waits for one transaction, not for one per poll. Taking more is held back while {@code maxRecords} records wait:
 * the poller then pauses its partitions ({@link ListenerPoller}) until a take leaves room.
 */
final class WaitingBatches {

    private static final CompletableFuture<Void> ROOM = CompletableFuture.completedFuture(null);

    private final int maxRecords;
    private final Deque<ConsumerRecords<String, ListenerRecord>> batches = new ArrayDeque<>();
    private int records;
    /** Completed once a take leaves room: the poller's next batch waits for it. */
    private CompletableFuture<Void> room = ROOM;

    WaitingBatches(int maxRecords) {
        this.maxRecords = maxRecords;
    }

    /** Adds a polled batch; the stage completes when there is room for the next one. */
    synchronized CompletionStage<Void> add(ConsumerRecords<String, ListenerRecord> batch) {
        batches.add(batch);
        records += batch.count();
        notifyAll();
        if (records >= maxRecords && room.isDone()) {
            room = new CompletableFuture<>();
        }
        return room;
    }

    /**
     * Waits for a batch, then takes the waiting batches in order: the first, and each next one while the records
     * taken stay within {@code maxRecords}.
     */
    List<ConsumerRecords<String, ListenerRecord>> take() throws InterruptedException {
        CompletableFuture<Void> freed;
        List<ConsumerRecords<String, ListenerRecord>> taken = new ArrayList<>();
        synchronized (this) {
            while (batches.isEmpty()) {
                wait();
            }
            int size = 0;
            while (!batches.isEmpty() && (taken.isEmpty() || size + batches.peek().count() <= maxRecords)) {
                ConsumerRecords<String, ListenerRecord> batch = batches.poll();
                size += batch.count();
                taken.add(batch);
            }
            records -= size;
            freed = records < maxRecords ? room : null;
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
}
