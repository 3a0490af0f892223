package io.portwatch.alert.outbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Ids of outbox rows the broker has acknowledged, waiting to be deleted. A transaction that changes findings takes
 * them only when many wait ({@link #takeIfAtLeast}): deleting them costs it a round trip to PostgreSQL, which at a
 * trickle of events is a good part of the latency; the idle job of {@code FindingStore} takes the rest within a
 * second. Acknowledgements come from the producer's thread, takers under {@code FindingStore}'s lock.
 */
public final class AcknowledgedRows {

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

    public synchronized boolean isEmpty() {
        return ids.isEmpty();
    }
}
