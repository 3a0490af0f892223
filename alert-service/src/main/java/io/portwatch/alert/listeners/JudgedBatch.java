package io.portwatch.alert.listeners;

import io.portwatch.alert.memo.InBatchSettlements;

import java.util.List;
import java.util.Set;

/**
 * A batch judged in memory ({@link Correlator#judge}), to be stored: the events that may change findings, the
 * {@link io.portwatch.alert.memo.NoChangeMemo} generation they were judged in, and what its stored events leave of
 * their hosts (the hosts, and the events settled on it).
 */
record JudgedBatch(long generation, List<Observation> observations, InBatchSettlements inBatch) {

    /** The hosts of the events that may change findings. */
    Set<String> hostIds() {
        return inBatch.hostIds();
    }
}
