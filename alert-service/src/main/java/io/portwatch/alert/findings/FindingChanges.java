package io.portwatch.alert.findings;

import io.portwatch.alert.outbox.OutboxEntity;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one way findings change: one change set at a time, in its own transaction with its events in
 * the outbox, published in order once committed. Correlation, re-evaluation and analysts' actions all go through it, so they never
 * judge the same finding concurrently.
 */
@ApplicationScoped
public class FindingChanges {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final ReentrantLock lock = new ReentrantLock();
    private final FindingPublisher publisher;

    public FindingChanges(FindingPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Runs {@code work} in a new transaction that also stages its finding events in the outbox, then
     * sends them and, once the broker has them, deletes them from the outbox. When the broker does not
     * acknowledge in time the rows stay, for {@link io.portwatch.alert.outbox.OutboxSweeper}: the
     * changes are committed either way, and none of their events is lost.
     */
    public List<FindingChange> apply(Supplier<List<FindingChange>> work) {
        lock.lock();
        try {
            List<OutboxEntity> staged = new ArrayList<>();
            List<FindingChange> changes = QuarkusTransaction.requiringNew().call(() -> {
                List<FindingChange> made = work.get();
                staged.addAll(publisher.stage(made));
                return made;
            });
            if (!staged.isEmpty() && sent(staged)) {
                List<Long> ids = staged.stream().map(row -> row.id).toList();
                QuarkusTransaction.requiringNew().run(() -> OutboxEntity.deleteSent(ids));
            }
            return changes;
        } finally {
            lock.unlock();
        }
    }

    private boolean sent(List<OutboxEntity> rows) {
        try {
            publisher.send(rows).get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            Log.errorf("%d finding events not acknowledged by the broker; they stay in the outbox and are sent later: %s",
                    rows.size(), e.getMessage());
            return false;
        }
    }
}
