package io.portwatch.alert.outbox;

import io.portwatch.alert.database.SchemaJobs;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Ids of outbox rows the broker has acknowledged, waiting to be deleted. A transaction that changes findings takes
 * them only when many wait ({@link #takeIfAtLeast}): deleting them costs it a round trip to PostgreSQL, which at a
 * trickle of events is a good part of the latency; {@link #deleteWaiting} takes the rest within a second, in a
 * transaction of its own that no change set waits for (it once went through {@code FindingStore}'s lock, and each
 * event arriving meanwhile waited for it: bench/RESULTS.md, alert-store-lock). Acknowledgements come from the
 * producer's thread; a taker deletes what it took, or gives it back when its transaction fails.
 */
@ApplicationScoped
public class AcknowledgedRows {

    private final List<Long> ids = new ArrayList<>();

    /** Acknowledged ids, or ids taken by a transaction that did not commit (a later one deletes them). */
    public synchronized void add(Collection<Long> acknowledged) {
        ids.addAll(acknowledged);
    }

    /** Every id waiting, in the order acknowledged, when at least {@code atLeast} (at least 1) wait; otherwise none. */
    public synchronized List<Long> takeIfAtLeast(int atLeast) {
        if (ids.size() < Math.max(atLeast, 1)) {
            return List.of();
        }
        List<Long> taken = List.copyOf(ids);
        ids.clear();
        return taken;
    }

    synchronized boolean isEmpty() {
        return ids.isEmpty();
    }

    /** Every second: deletes the rows waiting (their ids are given back when the transaction fails, for the next try). */
    @Scheduled(identity = "alert-outbox-delete-acknowledged", every = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaJobs.class)
    void deleteWaiting() {
        List<Long> sent = takeIfAtLeast(1);
        if (sent.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> OutboxEntity.deleteSent(sent));
        } catch (RuntimeException e) {
            add(sent);
            Log.warnf("Acknowledged outbox rows not deleted yet (%s); tried again in 1 s", e.getMessage());
        }
    }
}
