package io.portwatch.alert.findings;

import io.portwatch.events.knowledge.PortKey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stored findings of a set of hosts, loaded in one query for a whole batch so that reconciling
 * each host's ports needs no query of its own; findings opened during the batch are added to it.
 */
public final class HostFindings {

    private final Map<String, Map<PortKey, List<FindingEntity>>> byHost = new HashMap<>();

    private HostFindings() {
    }

    /** Loads every finding of these hosts. */
    public static HostFindings load(Collection<String> hostIds) {
        HostFindings findings = new HostFindings();
        FindingEntity.ofHosts(Set.copyOf(hostIds)).forEach(findings::add);
        return findings;
    }

    /** The findings of a host's transport/port, whatever their state. */
    List<FindingEntity> on(String hostId, PortKey port) {
        return byHost.getOrDefault(hostId, Map.of()).getOrDefault(port, List.of());
    }

    /** The transport/ports on which a host has findings that are not resolved. */
    public Set<PortKey> activePortsOf(String hostId) {
        return byHost.getOrDefault(hostId, Map.of()).entrySet().stream()
                .filter(entry -> entry.getValue().stream().anyMatch(FindingEntity::isActive))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** When the first of a host's active findings is due for a {@code lastSeen} rewrite; never when it has none. */
    public Instant lastSeenDue(String hostId, Duration resolution) {
        return byHost.getOrDefault(hostId, Map.of()).values().stream()
                .flatMap(List::stream)
                .filter(FindingEntity::isActive)
                .map(finding -> finding.lastSeen.plus(resolution))
                .min(Comparator.naturalOrder())
                .orElse(Instant.MAX);
    }

    void add(FindingEntity finding) {
        byHost.computeIfAbsent(finding.hostId, id -> new HashMap<>())
                .computeIfAbsent(finding.portKey(), port -> new ArrayList<>())
                .add(finding);
    }
}
