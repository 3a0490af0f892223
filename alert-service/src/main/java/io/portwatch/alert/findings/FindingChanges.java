package io.portwatch.alert.findings;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one way findings change: one change set at a time, in its own transaction, published in order
 * once committed. Correlation, re-evaluation and analysts' actions all go through it, so they never
 * judge the same finding concurrently.
 */
@ApplicationScoped
public class FindingChanges {

    private final ReentrantLock lock = new ReentrantLock();
    private final FindingPublisher publisher;

    public FindingChanges(FindingPublisher publisher) {
        this.publisher = publisher;
    }

    /** Runs {@code work} in a new transaction, then publishes the changes it made; returns them. */
    public List<FindingChange> apply(Supplier<List<FindingChange>> work) {
        lock.lock();
        try {
            List<FindingChange> changes = QuarkusTransaction.requiringNew().call(work::get);
            changes.forEach(publisher::publish);
            return changes;
        } finally {
            lock.unlock();
        }
    }
}
