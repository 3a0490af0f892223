package io.portwatch.alert.findings;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one way findings change: one change set at a time, in its own transaction, published in order
 * once committed. Correlation, re-evaluation and analysts' actions all go through it, so they never
 * judge the same finding concurrently.
 */
@ApplicationScoped
public class FindingChanges {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final ReentrantLock lock = new ReentrantLock();
    private final FindingPublisher publisher;

    public FindingChanges(FindingPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Runs {@code work} in a new transaction, then publishes the changes it made and waits until the
     * broker has them; returns them.
     *
     * @throws IllegalStateException when the broker did not acknowledge them in time
     */
    public List<FindingChange> apply(Supplier<List<FindingChange>> work) {
        lock.lock();
        try {
            List<FindingChange> changes = QuarkusTransaction.requiringNew().call(work::get);
            awaitAcks(publisher.publish(changes), changes.size());
            return changes;
        } finally {
            lock.unlock();
        }
    }

    private static void awaitAcks(CompletableFuture<Void> acks, int count) {
        try {
            acks.get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + count + " finding changes", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge " + count + " finding changes: " + e.getMessage(), e);
        }
    }
}
