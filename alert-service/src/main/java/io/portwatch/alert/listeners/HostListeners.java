package io.portwatch.alert.listeners;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.alert.findings.SeenHost;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The current listeners of every host, as the listener events tell them: a SNAPSHOT replaces a host's
 * set, OPENED adds (or replaces) one listener, CLOSED removes one; with the listener partition the host's
 * events come from, so that a host whose partition moved to another instance is forgotten. Not
 * thread-safe: the Correlator serializes access.
 */
class HostListeners {

    private record Host(SeenHost seen, int partition, Map<String, Listener> listeners) {
    }

    private final Map<String, Host> byId = new LinkedHashMap<>();

    /** Applies an event read from a listener partition and returns the ports whose listeners it may have changed, to re-judge. */
    Set<PortKey> apply(ListenerEvent event, int partition) {
        Host host = byId.compute(event.host().id(), (id, known) -> new Host(new SeenHost(event.host(), event.probe().zone()),
                partition, known == null ? new LinkedHashMap<>() : known.listeners()));
        Set<PortKey> touched = new HashSet<>();
        switch (event.type()) {
            case SNAPSHOT -> {
                host.listeners().values().forEach(listener -> touched.add(listener.portKey()));
                host.listeners().clear();
                event.listeners().forEach(listener -> host.listeners().put(listener.endpoint(), listener));
            }
            case OPENED -> event.listeners().forEach(listener -> host.listeners().put(listener.endpoint(), listener));
            case CLOSED -> event.listeners().forEach(listener -> host.listeners().remove(listener.endpoint()));
        }
        event.listeners().forEach(listener -> touched.add(listener.portKey()));
        return touched;
    }

    /** The listeners a host has on one transport/port (several addresses may share it). */
    List<Listener> on(String hostId, PortKey port) {
        Host host = byId.get(hostId);
        return host == null ? List.of()
                : host.listeners().values().stream().filter(listener -> listener.portKey().equals(port)).toList();
    }

    /** Forgets the hosts whose events came from other partitions than these: another instance holds them now. */
    void keepPartitions(Set<Integer> partitions) {
        byId.values().removeIf(host -> !partitions.contains(host.partition()));
    }

    /** Whether this instance has seen the host's listeners (a SNAPSHOT or an OPENED/CLOSED of it). */
    boolean holds(String hostId) {
        return byId.containsKey(hostId);
    }

    /** The hosts that have a listener on a transport/port. */
    List<SeenHost> hostsOn(PortKey port) {
        return byId.values().stream()
                .filter(host -> host.listeners().values().stream().anyMatch(listener -> listener.portKey().equals(port)))
                .map(Host::seen)
                .toList();
    }
}
