package io.portwatch.alert.listeners;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current listeners of every host, as the listener events tell them: a SNAPSHOT replaces a host's
 * set, OPENED adds (or replaces) one listener, CLOSED removes one.
 */
public class HostListeners {

    private final Map<String, Map<String, Listener>> byHost = new ConcurrentHashMap<>();

    /**
     * Applies an event and returns the ports whose listeners it may have changed, to re-judge.
     */
    public Set<PortKey> apply(ListenerEvent event) {
        Map<String, Listener> host = byHost.computeIfAbsent(event.host().id(), id -> new LinkedHashMap<>());
        Set<PortKey> touched = new HashSet<>();
        synchronized (host) {
            switch (event.type()) {
                case SNAPSHOT -> {
                    host.values().forEach(listener -> touched.add(listener.portKey()));
                    host.clear();
                    event.listeners().forEach(listener -> host.put(listener.endpoint(), listener));
                }
                case OPENED -> event.listeners().forEach(listener -> host.put(listener.endpoint(), listener));
                case CLOSED -> event.listeners().forEach(listener -> host.remove(listener.endpoint()));
            }
        }
        event.listeners().forEach(listener -> touched.add(listener.portKey()));
        return touched;
    }

    /** The listeners a host has on one transport/port (several addresses may share it). */
    public List<Listener> on(String hostId, PortKey port) {
        Map<String, Listener> host = byHost.getOrDefault(hostId, Map.of());
        synchronized (host) {
            return host.values().stream().filter(listener -> listener.portKey().equals(port)).toList();
        }
    }
}
