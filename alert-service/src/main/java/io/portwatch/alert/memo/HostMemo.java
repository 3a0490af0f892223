package io.portwatch.alert.memo;

/**
 * What the memo holds of one host, in one object: how its last reconciliation left it ({@link SettledHosts}) and the
 * judgements of its last SNAPSHOT ({@link JudgedSnapshots}). A repeat reaches it through its fingerprint's
 * {@link SnapshotFingerprint.Handle}, with no lookup by host id (two such lookups, each missing the CPU's caches on a
 * fleet of hosts, took a tenth of the warm CPU: bench/RESULTS.md, alert-host-memo-18). A handle may outlive the
 * host's place in {@link HostMemos}: each part carries the generation it was made in, and a forgotten host's parts
 * are cleared.
 */
final class HostMemo {

    /** Its last reconciliation's state, null when none (or forgotten). */
    volatile SettledHosts.Settled settled;
    /** Its last SNAPSHOT's judgements, null when its last event was none (or it was forgotten). */
    volatile JudgedSnapshots.Judged judged;

    void clear() {
        settled = null;
        judged = null;
    }
}
