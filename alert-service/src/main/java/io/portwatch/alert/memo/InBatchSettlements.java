package io.portwatch.alert.memo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the events of one batch that go to the database will leave of their hosts, worked out in memory as the batch is
 * judged ({@link NoChangeMemo#stored}), so that a later event of such a host that changes nothing of it can skip
 * the database too ({@link NoChangeMemo#skips}): e.g. a host's SNAPSHOTs after the OPENED that added their new
 * listener. A host whose state before the batch was not settled (or whose stored event claims new addresses) has no
 * known state here: its later events of the batch are stored. None of it is ever recorded as a settled state: the
 * memo learns what the batch left only from the committed transaction ({@link NoChangeMemo#settle}). Confined to the
 * judging thread.
 * <p>
 * While the batch is judged, each such host's {@link HostMemo} leads to its entry here, so that an event reaching the
 * memo (a repeat, through its fingerprint's handle) finds it without a lookup by host id (looked up in a map of the
 * batch's hosts for every repeat: bench/RESULTS.md, alert-in-batch-marks-24). One batch is judged at a time (the
 * correlator judges under its lock): a host's memo leading to another batch's entry fails {@link #stored}, since
 * the other batch's events would then be judged as if this one's were not stored. And no host's memo leaves
 * {@link HostMemos} while a batch is judged (hosts are forgotten before it, or after); were one to, its host's
 * later events of the batch would only go to the database, never skip on a state they should not. Once the batch is
 * judged ({@link #endJudging}) the memos let go of it; its entries stay reachable by host id, for the store that
 * follows.
 */
public final class InBatchSettlements {

    /** A host with an event stored in the batch. */
    static final class StoredHost {
        private final InBatchSettlements batch;
        /** The memo that leads here (null when the memo is switched off). */
        private HostMemo host;
        /** Its state after the batch's last stored event of it; null when unknown. */
        private SettledHosts.Settled state;
        /** The batch's records settled on that state, in order. */
        private final List<Integer> settledOnStored = new ArrayList<>();

        private StoredHost(InBatchSettlements batch) {
            this.batch = batch;
        }

        SettledHosts.Settled state() {
            return state;
        }

        /** The batch's {@code record}-th event settles on {@link #state}. */
        void settledOnStored(int record) {
            settledOnStored.add(record);
        }
    }

    /** The hosts with an event stored in the batch. */
    private final Map<String, StoredHost> byId = new HashMap<>();

    /** The hosts with an event stored in the batch. */
    public Set<String> hostIds() {
        return Collections.unmodifiableSet(byId.keySet());
    }

    /**
     * The batch's records of this host, after {@code record}, that were settled on what an earlier stored event of
     * the host leaves: if that event cannot be stored after all, they must not pass as settled.
     */
    public List<Integer> settledAfter(String hostId, int record) {
        StoredHost entry = byId.get(hostId);
        return entry == null ? List.of() : entry.settledOnStored.stream().filter(index -> index > record).toList();
    }

    /**
     * Ends the judging of the batch: the hosts' memos no longer lead to it (what it holds by host id stays, for
     * {@link #hostIds} and {@link #settledAfter}).
     */
    public void endJudging() {
        for (StoredHost entry : byId.values()) {
            if (entry.host != null && entry.host.inBatch == entry) {
                entry.host.inBatch = null;
            }
        }
    }

    /**
     * The host's entry, if an event of it is stored in this batch; null otherwise.
     *
     * @param host the memo {@link HostMemos} holds of the host (null: none)
     */
    StoredHost of(HostMemo host) {
        StoredHost entry = host == null ? null : host.inBatch;
        return entry != null && entry.batch == this ? entry : null;
    }

    /**
     * An event of the host is stored in the batch, leaving it as {@code after} (null: unknown).
     *
     * @param host the memo {@link HostMemos} holds of the host, made to lead to its entry; null when the memo is
     *             switched off
     * @throws IllegalStateException when the memo leads to the entry of another batch still being judged
     */
    void stored(String hostId, HostMemo host, SettledHosts.Settled after) {
        if (host != null && host.inBatch != null && host.inBatch.batch != this) {
            throw new IllegalStateException("host " + hostId
                    + " has an event stored in another batch being judged: one batch is judged at a time");
        }
        StoredHost entry = byId.computeIfAbsent(hostId, id -> new StoredHost(this));
        entry.state = after;
        entry.host = host;
        if (host != null) {
            host.inBatch = entry;
        }
    }
}
