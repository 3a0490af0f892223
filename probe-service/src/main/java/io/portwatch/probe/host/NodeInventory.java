package io.portwatch.probe.host;

import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current listeners of every host a node's scan reports (the node and each other network namespace),
 * and what changed since the previous scan. A host missing from a scan is gone: its listeners close.
 */
public class NodeInventory {

    /**
     * What one scan changed for one host.
     *
     * @param host    the host
     * @param changes its opened and closed listeners
     * @param gone    whether the host itself disappeared (a container stopped)
     */
    public record HostChanges(HostInfo host, ListenerInventory.Changes changes, boolean gone) {
    }

    private record Tracked(HostInfo host, ListenerInventory inventory) {
    }

    private Map<String, Tracked> hosts = new LinkedHashMap<>();

    /** Replaces the current hosts and listeners with a scan's and returns the differences, hosts that changed only. */
    public synchronized List<HostChanges> update(List<NamespaceScan> scans) {
        Map<String, Tracked> next = new LinkedHashMap<>();
        List<HostChanges> changed = new ArrayList<>();
        for (NamespaceScan scan : scans) {
            Tracked tracked = hosts.getOrDefault(scan.host().id(), new Tracked(scan.host(), new ListenerInventory()));
            tracked = new Tracked(scan.host(), tracked.inventory());
            next.put(scan.host().id(), tracked);
            ListenerInventory.Changes changes = tracked.inventory().update(scan.listeners());
            if (!changes.opened().isEmpty() || !changes.closed().isEmpty()) {
                changed.add(new HostChanges(scan.host(), changes, false));
            }
        }
        hosts.forEach((id, tracked) -> {
            if (!next.containsKey(id)) {
                changed.add(new HostChanges(tracked.host(), new ListenerInventory.Changes(List.of(), tracked.inventory().current()), true));
            }
        });
        hosts = next;
        return changed;
    }

    /** Every host of the last scan with its listeners. */
    public synchronized List<NamespaceScan> current() {
        return hosts.values().stream().map(tracked -> new NamespaceScan(tracked.host(), tracked.inventory().current())).toList();
    }

    /** Every listener of the last scan, of all hosts. */
    public synchronized List<Listener> listeners() {
        return hosts.values().stream().flatMap(tracked -> tracked.inventory().current().stream()).toList();
    }
}
