package io.portwatch.alert.memo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The memo's hosts by id, a {@link HostMemo} each, shared by its parts. Thread-safe. */
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

    /** Forgets a host: its memo is cleared, so that a handle still leading to it finds nothing. */
    void forget(String hostId) {
        HostMemo host = byId.remove(hostId);
        if (host != null) {
            host.clear();
        }
    }

    /**
     * Forgets every host, for a new generation: their memos are cleared, so that handles hold no memory of them (a
     * part made meanwhile, in a memo no longer held, is of the older generation and never believed).
     */
    void forgetAll() {
        byId.values().forEach(HostMemo::clear);
        byId.clear();
    }
}
