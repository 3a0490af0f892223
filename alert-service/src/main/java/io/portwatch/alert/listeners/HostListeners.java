package io.portwatch.alert.listeners;

import io.portwatch.alert.findings.Judgement;
import io.portwatch.alert.findings.SeenHost;
import io.portwatch.alert.memo.Replaces;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The current listeners of every host, as the listener events tell them: a SNAPSHOT replaces a host's
 * set (a scoped one only its listeners on the ports it covers, {@link Replaces}), OPENED adds (or replaces) one listener, CLOSED removes one; a listener is one socket
 * ({@link Listener#socketKey()}: two sockets sharing an address and port are two listeners). Indexed by
 * port, per host and across hosts, so judging a port costs the listeners on it, not every listener of the
 * host, and a knowledge change finds its hosts without a scan. Each host also holds what its ports were last judged
 * on ({@link PortJudgements}), forgotten with it. Keeps the listener partition each host's
 * events come from, so that a host whose partition moved to another instance is forgotten, and forgets hosts
 * left without listeners for the idle time. Not thread-safe: the Correlator serializes access.
 */
class HostListeners {

    private static final class Host {
        private SeenHost seen;
        private int partition;
        private Instant lastEvent;
        private final Map<String, Listener> bySocket = new LinkedHashMap<>();
        private final Map<PortKey, Map<String, Listener>> byPort = new HashMap<>();
        private final PortJudgements judgements = new PortJudgements();
    }

    private final Map<String, Host> byId = new HashMap<>();
    private final Map<PortKey, Set<String>> hostsByPort = new HashMap<>();
    /** Hosts without listeners: the only ones eviction has to look at. */
    private final Set<String> empty = new HashSet<>();

    /** Applies an event read from a listener partition and returns the ports whose listeners it may have changed, to re-judge. */
    Set<PortKey> apply(ListenerEvent event, int partition, Instant now) {
        String hostId = event.host().id();
        Host host = byId.computeIfAbsent(hostId, id -> new Host());
        SeenHost seen = new SeenHost(event.host(), event.probe());
        if (!seen.equals(host.seen)) {
            host.seen = seen; // an equal one stays: held for long, it costs the collector nothing to keep
        }
        host.partition = partition;
        host.lastEvent = now;
        Set<PortKey> touched = new HashSet<>();
        switch (event.type()) {
            case SNAPSHOT -> {
                // A scoped SNAPSHOT replaces only the listeners on the ports it covers; the others stay.
                Replaces replaces = Replaces.of(event);
                for (PortKey port : host.byPort.keySet()) {
                    if (replaces.covers(port)) {
                        touched.add(port);
                    }
                }
                if (!unchangedBy(host, replaces, event.listeners())) {
                    Map<String, Listener> replaced = new HashMap<>();
                    List.copyOf(host.bySocket.values()).stream()
                            .filter(listener -> replaces.covers(listener.portKey()))
                            .forEach(listener -> {
                                replaced.put(listener.socketKey(), listener);
                                remove(hostId, host, listener);
                            });
                    // A listener equal to one it replaces stays that one: what was judged of it is judged of it again.
                    event.listeners().forEach(listener -> put(hostId, host, heldIfEqual(replaced.get(listener.socketKey()), listener)));
                }
            }
            case OPENED -> event.listeners().forEach(listener -> put(hostId, host, heldIfEqual(host.bySocket.get(listener.socketKey()), listener)));
            case CLOSED -> event.listeners().forEach(listener -> remove(hostId, host, listener));
        }
        event.listeners().forEach(listener -> touched.add(listener.portKey()));
        if (host.bySocket.isEmpty()) {
            empty.add(hostId);
        } else {
            empty.remove(hostId);
        }
        return touched;
    }

    /**
     * Whether a SNAPSHOT's listeners are those the host has on the ports it covers, each port's equal and in the same
     * order: replacing them would leave every port as it is (a host's SNAPSHOT after an OPENED or CLOSED that
     * already told the change; replacing cost a remove and a put per listener, the ports' index across hosts
     * included).
     */
    private static boolean unchangedBy(Host host, Replaces replaces, List<Listener> listeners) {
        int covered = 0;
        for (Map.Entry<PortKey, Map<String, Listener>> port : host.byPort.entrySet()) {
            covered += replaces.covers(port.getKey()) ? port.getValue().size() : 0;
        }
        if (covered != listeners.size()) {
            return false;
        }
        Map<PortKey, Iterator<Listener>> onPorts = new HashMap<>();
        for (Listener listener : listeners) {
            Map<String, Listener> onPort = replaces.covers(listener.portKey()) ? host.byPort.get(listener.portKey()) : null;
            if (onPort == null) {
                return false;
            }
            Iterator<Listener> held = onPorts.computeIfAbsent(listener.portKey(), port -> onPort.values().iterator());
            if (!held.hasNext() || !held.next().equals(listener)) {
                return false;
            }
        }
        // As many as held on the covered ports, each matched in order: every port's were matched to the last. Kept,
        // the host's listeners across ports keep their own order, not the SNAPSHOT's: nothing reads that order.
        return true;
    }

    private static Listener heldIfEqual(Listener held, Listener listener) {
        return listener.equals(held) ? held : listener;
    }

    /**
     * Judges the ports of a host that an event was just {@linkplain #apply applied} to, on the listeners it holds there
     * and the ports' knowledge, through what its ports were last judged on ({@link PortJudgements}): one lookup of the
     * host for all the ports. The rules are given the host as held: while its events report it (and their probe) alike,
     * the one instance the kept judgements were made on, so comparing it is an identity check.
     *
     * @return per port of {@code ports}, its judgements (empty lists where there are none)
     * @throws NullPointerException when the host is not held
     */
    Map<PortKey, List<Judgement>> judge(String hostId, Set<PortKey> ports, Function<PortKey, PortKnowledge> knowledge,
            PortJudgements.Rules rules) {
        Host host = byId.get(hostId);
        Map<PortKey, List<Listener>> onPorts = new HashMap<>();
        ports.forEach(port -> onPorts.put(port, listenersOn(host, port)));
        return host.judgements.judge(host.seen.info(), onPorts, knowledge, rules);
    }

    /** How the host and probe of a host's last event were seen: null for a host not held. */
    SeenHost seen(String hostId) {
        Host host = byId.get(hostId);
        return host == null ? null : host.seen;
    }

    /**
     * Whether an OPENED or CLOSED of one listener, just applied, left its host as it was but for that listener: the
     * host and probe as they were seen before ({@code before}, the one instance {@link #apply} keeps while they are
     * alike), and after a CLOSED no listener left on its port.
     */
    boolean leftAlone(ListenerEvent event, SeenHost before) {
        Host host = byId.get(event.host().id());
        return event.listeners().size() == 1 && host != null && host.seen == before
                && (event.type() != ListenerEventType.CLOSED || !host.byPort.containsKey(event.listeners().get(0).portKey()));
    }

    /**
     * Whether a SNAPSHOT, just applied, left its host holding each listener it lists: a whole SNAPSHOT of which no
     * two listeners share a socket (of two that do, the host holds one).
     */
    boolean holdsAsListed(ListenerEvent event) {
        Host host = byId.get(event.host().id());
        return event.scope() == null && host != null && host.bySocket.size() == event.listeners().size();
    }

    /** The listeners a host has on one transport/port (several addresses and sockets may share it). */
    List<Listener> on(String hostId, PortKey port) {
        Host host = byId.get(hostId);
        return host == null ? List.of() : listenersOn(host, port);
    }

    private static List<Listener> listenersOn(Host host, PortKey port) {
        Map<String, Listener> listeners = host.byPort.get(port);
        return listeners == null ? List.of() : List.copyOf(listeners.values());
    }

    /**
     * Forgets the hosts whose events came from other partitions than these: another instance holds them now.
     * Returns their ids.
     */
    List<String> keepPartitions(Set<Integer> partitions) {
        List<String> elsewhere = byId.keySet().stream()
                .filter(hostId -> !partitions.contains(byId.get(hostId).partition))
                .toList();
        elsewhere.forEach(this::forget);
        return elsewhere;
    }

    /** Forgets a host and its listeners. */
    void forget(String hostId) {
        Host host = byId.remove(hostId);
        if (host != null) {
            host.byPort.keySet().forEach(port -> unindex(hostId, port));
        }
        empty.remove(hostId);
    }

    /** Forgets the hosts that have had no listeners since {@code idle} before {@code now}; returns their ids. */
    Set<String> evictIdle(Instant now, Duration idle) {
        Set<String> evicted = new HashSet<>();
        for (Iterator<String> ids = empty.iterator(); ids.hasNext(); ) {
            String hostId = ids.next();
            if (!byId.get(hostId).lastEvent.plus(idle).isAfter(now)) {
                ids.remove();
                byId.remove(hostId);
                evicted.add(hostId);
            }
        }
        return evicted;
    }

    /** Whether this instance has seen the host's listeners (a SNAPSHOT or an OPENED/CLOSED of it). */
    boolean holds(String hostId) {
        return byId.containsKey(hostId);
    }

    /** How many hosts are held. */
    int size() {
        return byId.size();
    }

    /** The hosts that have a listener on a transport/port. */
    List<SeenHost> hostsOn(PortKey port) {
        return hostsByPort.getOrDefault(port, Set.of()).stream().map(hostId -> byId.get(hostId).seen).toList();
    }

    private void put(String hostId, Host host, Listener listener) {
        Listener replaced = host.bySocket.put(listener.socketKey(), listener);
        if (replaced != null && !replaced.portKey().equals(listener.portKey())) {
            removeFromPort(hostId, host, replaced);
        }
        host.byPort.computeIfAbsent(listener.portKey(), port -> {
            hostsByPort.computeIfAbsent(port, key -> new HashSet<>()).add(hostId);
            return new LinkedHashMap<>();
        }).put(listener.socketKey(), listener);
    }

    private void remove(String hostId, Host host, Listener listener) {
        Listener removed = host.bySocket.remove(listener.socketKey());
        if (removed != null) {
            removeFromPort(hostId, host, removed);
        }
    }

    private void removeFromPort(String hostId, Host host, Listener listener) {
        Map<String, Listener> onPort = host.byPort.get(listener.portKey());
        if (onPort != null && onPort.remove(listener.socketKey()) != null && onPort.isEmpty()) {
            host.byPort.remove(listener.portKey());
            unindex(hostId, listener.portKey());
        }
    }

    private void unindex(String hostId, PortKey port) {
        Set<String> hosts = hostsByPort.get(port);
        if (hosts != null && hosts.remove(hostId) && hosts.isEmpty()) {
            hostsByPort.remove(port);
        }
    }
}
