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
 * known state here: its later events of the batch are stored. Lives as long as the judging of its batch: nothing of
 * it reaches the memo, which learns what the batch left only from the committed transaction
 * ({@link NoChangeMemo#settle}). Confined to the judging thread.
 */
public final class InBatchSettlements {

    /** The hosts with an event stored in the batch; the value is their state after it, null when unknown. */
    private final Map<String, SettledHosts.Settled> stored = new HashMap<>();
    /** The records of the batch settled on the state an earlier stored event of their host leaves, by host. */
    private final Map<String, List<Integer>> settledOnStored = new HashMap<>();

    /** The hosts with an event stored in the batch. */
    public Set<String> hostIds() {
        return Collections.unmodifiableSet(stored.keySet());
    }

    /**
     * The batch's records of this host, after {@code record}, that were settled on what an earlier stored event of
     * the host leaves: if that event cannot be stored after all, they must not pass as settled.
     */
    public List<Integer> settledAfter(String hostId, int record) {
        return settledOnStored.getOrDefault(hostId, List.of()).stream().filter(index -> index > record).toList();
    }

    boolean holds(String hostId) {
        return stored.containsKey(hostId);
    }

    SettledHosts.Settled stateOf(String hostId) {
        return stored.get(hostId);
    }

    void stored(String hostId, SettledHosts.Settled after) {
        stored.put(hostId, after);
    }

    void settledOnStored(String hostId, int record) {
        settledOnStored.computeIfAbsent(hostId, id -> new ArrayList<>()).add(record);
    }
}
