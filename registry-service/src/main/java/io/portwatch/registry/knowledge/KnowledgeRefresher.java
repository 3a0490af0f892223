package io.portwatch.registry.knowledge;

import io.portwatch.events.knowledge.PortKey;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Keeps this replica's index in step with changes other replicas make: every interval one cheap
 * query for the newest history id, and a reload of the changed keys only when it moved.
 */
@ApplicationScoped
public class KnowledgeRefresher {

    private final KnowledgeStore store;
    private final KnowledgeService knowledge;
    private long seenChangeId = -1;

    public KnowledgeRefresher(KnowledgeStore store, KnowledgeService knowledge) {
        this.store = store;
        this.knowledge = knowledge;
    }

    @Scheduled(identity = "knowledge-refresh", every = "${portwatch.registry.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void refresh() {
        if (seenChangeId < 0) {
            return;
        }
        try {
            long newest = QuarkusTransaction.requiringNew().call(store::lastChangeId);
            if (newest > seenChangeId) {
                List<PortKey> changed = QuarkusTransaction.requiringNew().call(() -> store.changedSince(seenChangeId));
                knowledge.refresh(changed);
                seenChangeId = newest;
            }
        } catch (RuntimeException e) {
            Log.warnf("Knowledge refresh skipped: %s", e.getMessage());
        }
    }

    /** Starts watching from a history id: call it before loading the index, so no change falls between. */
    public synchronized void startFrom(long changeId) {
        seenChangeId = changeId;
    }
}
