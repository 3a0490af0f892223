package io.portwatch.alert.memo;

/**
 * What the memo holds of one host, in one object: how its last reconciliation left it ({@link SettledHosts}), the
 * judgements of its last SNAPSHOT ({@link JudgedSnapshots}) and, while a batch that stores an event of it is judged,
 * its entry in that batch ({@link InBatchSettlements}). A repeat reaches it through its fingerprint's
 * {@link SnapshotFingerprint.Handle}, with no lookup by host id (two such lookups, each missing the CPU's caches on a
 * fleet of hosts, took a tenth of the warm CPU: bench/RESULTS.md, alert-host-memo-18). Each part carries the
 * generation it was made in; a forgotten host's memo is cleared, and one that left {@link HostMemos} (an evicted
 * host) stays cleared, so a handle still leading to it finds nothing.
 */
final class HostMemo {

    /** Its last reconciliation's state, null when none (or forgotten). */
    volatile SettledHosts.Settled settled;
    /** Its last SNAPSHOT's judgements, null when its last event was none (or it was forgotten). */
    volatile JudgedSnapshots.Judged judged;
    /**
     * While a batch that stores an event of it is judged, its entry there; else null. On the judging thread only.
     */
    InBatchSettlements.StoredHost inBatch;

    /**
     * Forgets the parts made in a generation. Never the batch entry: any thread may call this ({@link HostMemos#forgetAll}),
     * and the entry belongs to the batch being judged, which no generation voids.
     */
    void clear() {
        settled = null;
        judged = null;
    }
}
