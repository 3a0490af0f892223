package io.portwatch.notifier.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The newest version of each finding an output has delivered (the most recently changed findings, bounded): a
 * change at or below it is a replay (a batch read again after a restart or rebalance, an older record behind a
 * newer one) and is not sent again. Receivers dedupe the rest by {@link Change#dedupKey()}.
 */
final class DeliveredVersions {

    private final Map<String, Long> versions;

    DeliveredVersions(int capacity) {
        this.versions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether this change's version was delivered (or passed by a newer one) already. */
    synchronized boolean seen(Change change) {
        Long delivered = versions.get(change.event().findingId());
        return delivered != null && delivered >= change.event().version();
    }

    /** Notes a delivered change. */
    synchronized void delivered(Change change) {
        versions.merge(change.event().findingId(), change.event().version(), Math::max);
    }
}
