package io.portwatch.alert.findings;

import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The stored findings of a set of hosts for one transaction, read in two queries for a whole batch: every
 * finding of the hosts as a small locked row (its port, state and {@code lastSeen}: what says which ports
 * have active findings and when they are due), then the whole findings of only the ports being reconciled
 * ({@link #fetch}). A host has several findings but an event usually touches one port, so most findings
 * are never decoded. Findings opened during the batch are added to it. The fetched findings are read by plain
 * JDBC, outside Hibernate's session: what the batch changes in them (or opens) is {@linkplain #changed marked} and
 * written by {@link #write}, not found by Hibernate's dirty checking. The content each fetched finding was read with
 * (or last written with) is kept, so that a finding whose content the batch left as stored is written by the state
 * update, which sends none of it ({@link FindingRows}).
 */
public final class HostFindings {

    private record Slot(String findingId, boolean active, Instant lastSeen) {
    }

    private final Map<String, Map<PortKey, List<Slot>>> slots = new HashMap<>();
    private final Map<String, Map<PortKey, List<FindingEntity>>> fetched = new HashMap<>();
    private final Map<String, FindingEntity> changed = new HashMap<>();
    /** Per stored finding fetched or written: its content as the database holds it ({@link FindingRows#content}). */
    private final Map<String, List<Object>> storedContent = new HashMap<>();

    private HostFindings() {
    }

    /** Reads (and locks until the transaction ends) every finding of these hosts, without their contents. */
    public static HostFindings load(Collection<String> hostIds) {
        HostFindings findings = new HostFindings();
        for (FindingEntity.Row row : FindingEntity.rowsOfHosts(Set.copyOf(hostIds))) {
            findings.slots.computeIfAbsent(row.hostId(), id -> new HashMap<>())
                    .computeIfAbsent(PortKey.of(Transport.parse(row.transport()), row.port()), port -> new ArrayList<>())
                    .add(new Slot(row.findingId(), row.state() != FindingState.RESOLVED, row.lastSeen()));
        }
        return findings;
    }

    /** Reads the whole findings of these hosts' ports, in one query, for {@link #on}. */
    public void fetch(Map<String, Set<PortKey>> portsByHost) {
        List<String> ids = new ArrayList<>();
        portsByHost.forEach((hostId, ports) -> ports.forEach(port -> {
            if (fetched.computeIfAbsent(hostId, id -> new HashMap<>()).putIfAbsent(port, new ArrayList<>()) == null) {
                slots.getOrDefault(hostId, Map.of()).getOrDefault(port, List.of()).forEach(slot -> ids.add(slot.findingId()));
            }
        }));
        FindingEntity.readOnlyWithIds(ids).forEach(finding -> {
            add(finding);
            storedContent.put(finding.findingId, FindingRows.content(finding));
        });
    }

    /**
     * The findings of a host's transport/port, whatever their state.
     *
     * @throws IllegalStateException when the port was not {@linkplain #fetch fetched}
     */
    List<FindingEntity> on(String hostId, PortKey port) {
        List<FindingEntity> findings = fetched.getOrDefault(hostId, Map.of()).get(port);
        if (findings == null) {
            throw new IllegalStateException("findings of " + hostId + " on " + port + " were not fetched");
        }
        return findings;
    }

    /** The transport/ports on which a host has findings that are not resolved. */
    public Set<PortKey> activePortsOf(String hostId) {
        Set<PortKey> active = new HashSet<>();
        Map<PortKey, List<FindingEntity>> fetchedPorts = fetched.getOrDefault(hostId, Map.of());
        fetchedPorts.forEach((port, findings) -> {
            if (firstFetched(findings) != null) {
                active.add(port);
            }
        });
        slots.getOrDefault(hostId, Map.of()).forEach((port, loaded) -> {
            if (!fetchedPorts.containsKey(port) && firstLoaded(loaded) != null) {
                active.add(port);
            }
        });
        return active;
    }

    /**
     * Per port among {@code among}: when the first of the host's active findings there is due for a {@code lastSeen}
     * rewrite; a port without one is not in the map.
     */
    public Map<PortKey, Instant> lastSeenDue(String hostId, Set<PortKey> among, Duration resolution) {
        Map<PortKey, Instant> due = new HashMap<>();
        for (PortKey port : among) {
            Instant first = firstActive(hostId, port);
            if (first != null) {
                due.put(port, first.plus(resolution));
            }
        }
        return due;
    }

    /** Marks a fetched (or opened) finding as changed: {@link #write} writes it. */
    void changed(FindingEntity finding) {
        changed.put(finding.findingId, finding);
    }

    /**
     * Writes every finding changed since the last write: the new ones and those whose content changed by the upsert,
     * the others by the state update (one statement each); to call before the transaction's history rows are recorded
     * (they refer to the findings).
     *
     * @return how many findings each statement wrote
     */
    public Written write() {
        List<FindingEntity> upserted = new ArrayList<>();
        List<FindingEntity> stateOnly = new ArrayList<>();
        Map<String, List<Object>> contents = new HashMap<>();
        changed.values().forEach(finding -> {
            List<Object> content = FindingRows.content(finding);
            contents.put(finding.findingId, content);
            (content.equals(storedContent.get(finding.findingId)) ? stateOnly : upserted).add(finding);
        });
        FindingRows.upsert(upserted);
        FindingRows.updateState(stateOnly);
        storedContent.putAll(contents);
        changed.clear();
        return new Written(upserted.size(), stateOnly.size());
    }

    /** What {@link #write} wrote: findings inserted or updated whole, and findings of which only the state was updated. */
    public record Written(int upserted, int stateOnly) {
    }

    void add(FindingEntity finding) {
        fetched.computeIfAbsent(finding.hostId, id -> new HashMap<>())
                .computeIfAbsent(finding.portKey(), port -> new ArrayList<>())
                .add(finding);
    }

    /**
     * The earliest {@code lastSeen} of a port's active findings: as fetched (and maybe changed since) if it was, else as
     * loaded; null when none is active.
     */
    private Instant firstActive(String hostId, PortKey port) {
        List<FindingEntity> findings = fetched.getOrDefault(hostId, Map.of()).get(port);
        return findings != null ? firstFetched(findings)
                : firstLoaded(slots.getOrDefault(hostId, Map.of()).getOrDefault(port, List.of()));
    }

    /** The earliest {@code lastSeen} of these fetched findings' active ones (as the batch left them); null when none is. */
    private static Instant firstFetched(List<FindingEntity> findings) {
        return earliest(findings, FindingEntity::isActive, finding -> finding.lastSeen);
    }

    /** The earliest {@code lastSeen} of these loaded rows' active ones; null when none is. */
    private static Instant firstLoaded(List<Slot> loaded) {
        return earliest(loaded, Slot::active, Slot::lastSeen);
    }

    /**
     * The earliest {@code lastSeen} of the active ones among {@code items}; null when none is. A loop, not a stream: it
     * runs for every port of every host a batch reconciles.
     */
    private static <T> Instant earliest(List<T> items, Predicate<T> active, Function<T, Instant> lastSeen) {
        Instant first = null;
        for (T item : items) {
            Instant seen = active.test(item) ? lastSeen.apply(item) : null;
            if (seen != null && (first == null || seen.isBefore(first))) {
                first = seen;
            }
        }
        return first;
    }
}
