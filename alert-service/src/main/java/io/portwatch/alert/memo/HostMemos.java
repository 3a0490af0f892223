package io.portwatch.alert.memo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memo's hosts by id, a {@link HostMemo} each, shared by its parts. Thread-safe. A memo leaves the map only by
 * {@link #forget}, on the judging thread, which is also the one thread that records SNAPSHOT judgements
 * ({@link JudgedSnapshots#applied}): so every event of a host clears the very memo its SNAPSHOTs' handles lead to, and
 * no judgement can be written into a memo no longer held.
 */
final class HostMemos {

    private final Map<String, HostMemo> byId = new ConcurrentHashMap<>();

    /** The host's memo, null when nothing is held of it. */
    HostMemo of(String hostId) {
        return byId.get(hostId);
    }

    /** The host's memo, made empty if nothing is held of it. */
    HostMemo open(String hostId) {
        return byId.computeIfAbsent(hostId, id -> new HostMemo());
    }

    /**
     * Forgets a host: its memo leaves the map and is cleared, so that a handle still leading to it finds nothing. Only
     * on the judging thread (see above), and never while a batch is judged ({@link InBatchSettlements} is reached
     * through the memos held then).
     */
    void forget(String hostId) {
        HostMemo host = byId.remove(hostId);
        if (host != null) {
            host.clear();
        }
    }

    /**
     * Forgets what is held of every host, for a new generation: each memo is cleared and stays in the map (any thread
     * may call this, and a judgement recorded meanwhile must land in a memo the host's next event clears). A part
     * written meanwhile is believed only in the generation it was made in.
     */
    void forgetAll() {
        byId.values().forEach(HostMemo::clear);
    }
}
