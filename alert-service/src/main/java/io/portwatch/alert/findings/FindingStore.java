package io.portwatch.alert.findings;

import io.portwatch.alert.outbox.AcknowledgedRows;
import io.portwatch.alert.outbox.OutboxEntity;
import io.portwatch.alert.outbox.OutboxPublisher;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one way findings change: one change set at a time, in its own transaction with its history
 * entries and its events in the outbox, published in order once committed. Correlation,
 * re-evaluation, analysts' actions, suppressions and the fleet all go through it, so they never judge
 * the same finding concurrently; and a change set that did not come from correlation makes the
 * {@link FindingsMemo} forget, in its transaction, so nothing is skipped on what it changed.
 */
@ApplicationScoped
public class FindingStore {

    /**
     * A change set's transaction also deletes the acknowledged outbox rows only when at least this many wait;
     * fewer are left to {@link AcknowledgedRows}'s job (every second), which saves the common transaction a round trip.
     */
    static final int DELETE_WITH_CHANGES_FROM = 2_000;

    private final ReentrantLock lock = new ReentrantLock();
    /** Outbox rows the broker has acknowledged, deleted within a second, or by the next transaction when many wait. */
    private final AcknowledgedRows acknowledged;
    private final FindingOutbox outbox;
    private final OutboxPublisher publisher;
    private final FindingsMemo memo;

    public FindingStore(AcknowledgedRows acknowledged, FindingOutbox outbox, OutboxPublisher publisher, FindingsMemo memo) {
        this.acknowledged = acknowledged;
        this.outbox = outbox;
        this.publisher = publisher;
        this.memo = memo;
    }

    /**
     * Runs {@code work} in a new transaction that also stages its finding events in the outbox, then
     * sends them without waiting: the next change set is judged while the broker acknowledges, and
     * acknowledged rows are deleted within a second (by a later transaction when many wait). Rows the broker
     * does not acknowledge stay, for {@link io.portwatch.alert.outbox.OutboxSweeper}: the changes are committed either way, and
     * none of their events is lost. When {@code work} changed findings, the memo forgets everything before
     * the commit (under the lock: no correlation settles a host on what this changed).
     */
    public List<FindingChange> apply(Supplier<List<FindingChange>> work) {
        return apply(work, true);
    }

    /**
     * Correlation's own change set, as {@link #apply} but leaving the memo: correlation settles the hosts it
     * reconciled itself, and only those.
     */
    public List<FindingChange> applyCorrelated(Supplier<List<FindingChange>> work) {
        return apply(work, false);
    }

    private List<FindingChange> apply(Supplier<List<FindingChange>> work, boolean forgetMemo) {
        lock.lock();
        try {
            List<Long> sent = acknowledged.takeIfAtLeast(DELETE_WITH_CHANGES_FROM);
            List<OutboxEntity> staged = new ArrayList<>();
            List<FindingChange> changes;
            try {
                changes = QuarkusTransaction.requiringNew().call(() -> {
                    OutboxEntity.deleteSent(sent);
                    List<FindingChange> made = work.get();
                    if (forgetMemo && !made.isEmpty()) {
                        memo.forgetAll();
                    }
                    // Findings changed through entities (analysts, suppressions, the fleet) go first: the history refers to them.
                    FindingEntity.flush();
                    FindingRows.recordHistory(made);
                    staged.addAll(outbox.stage(made));
                    return made;
                });
            } catch (RuntimeException e) {
                acknowledged.add(sent);
                throw e;
            }
            if (!staged.isEmpty()) {
                publish(staged);
            }
            return changes;
        } finally {
            lock.unlock();
        }
    }

    private void publish(List<OutboxEntity> rows) {
        List<Long> ids = rows.stream().map(row -> row.id).toList();
        publisher.send(rows).whenComplete((ignored, failure) -> {
            if (failure == null) {
                acknowledged.add(ids);
            } else {
                Log.errorf("%d finding events not acknowledged by the broker; they stay in the outbox and are sent later: %s",
                        rows.size(), failure.getMessage());
            }
        });
    }
}
