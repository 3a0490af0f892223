package io.portwatch.probe.host;

import io.portwatch.events.listener.Listener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's current listeners, and what changed since the previous scan. Listeners are told apart by
 * {@link Listener#socketKey()}: transport, address, port and, in host mode, the socket's inode, so two sockets
 * on one address and port (SO_REUSEPORT) are two listeners. The diff is of states, so a listener that closed
 * and opened again between two scans with the same key is one that never closed.
 */
public class ListenerInventory {

    /**
     * What one scan changed.
     *
     * @param opened listeners that were not there before
     * @param closed listeners that are gone
     */
    public record Changes(List<Listener> opened, List<Listener> closed) {
    }

    private Map<String, Listener> current = Map.of();

    /** Replaces the current set with a scan's and returns the difference. */
    public synchronized Changes update(Collection<Listener> scanned) {
        Map<String, Listener> next = new LinkedHashMap<>();
        scanned.forEach(listener -> next.put(listener.socketKey(), listener));
        List<Listener> opened = new ArrayList<>();
        next.forEach((key, listener) -> {
            if (!listener.equals(current.get(key))) {
                opened.add(listener);
            }
        });
        List<Listener> closed = current.entrySet().stream()
                .filter(entry -> !next.containsKey(entry.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        current = next;
        return new Changes(opened, closed);
    }

    /** The listeners of the last scan. */
    public synchronized List<Listener> current() {
        return List.copyOf(current.values());
    }
}
