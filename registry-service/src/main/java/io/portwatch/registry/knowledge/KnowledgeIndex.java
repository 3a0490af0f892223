package io.portwatch.registry.knowledge;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every entry of the registry in memory, so that reads never touch PostgreSQL: by key, by port and
 * by name (service names and aliases, case-insensitive). Knowledge changes rarely, so a change
 * builds a new immutable snapshot and swaps it in; readers never lock. Each change is announced as a
 * {@link KnowledgeIndexChanged} (the pre-serialized lookup answers follow it).
 */
@ApplicationScoped
public class KnowledgeIndex {

    private static final Comparator<PortKnowledge> ORDER = Comparator.comparingInt(PortKnowledge::port)
            .thenComparing(knowledge -> knowledge.transport().ordinal());

    private record Snapshot(Map<PortKey, PortKnowledge> byKey, List<PortKnowledge> ordered,
            Map<Integer, List<PortKnowledge>> byPort, Map<String, List<PortKnowledge>> byName) {

        static Snapshot of(Collection<PortKnowledge> entries) {
            Map<PortKey, PortKnowledge> byKey = new HashMap<>();
            entries.forEach(knowledge -> byKey.put(knowledge.key(), knowledge));
            List<PortKnowledge> ordered = byKey.values().stream().sorted(ORDER).toList();
            Map<Integer, List<PortKnowledge>> byPort = new HashMap<>();
            Map<String, List<PortKnowledge>> byName = new TreeMap<>();
            for (PortKnowledge knowledge : ordered) {
                byPort.computeIfAbsent(knowledge.port(), port -> new ArrayList<>()).add(knowledge);
                names(knowledge).distinct().forEach(name -> byName.computeIfAbsent(name, n -> new ArrayList<>()).add(knowledge));
            }
            return new Snapshot(Map.copyOf(byKey), ordered, byPort, byName);
        }
    }

    private final Event<KnowledgeIndexChanged> changes;
    private volatile Snapshot snapshot = Snapshot.of(List.of());

    public KnowledgeIndex(Event<KnowledgeIndexChanged> changes) {
        this.changes = changes;
    }

    /** Replaces the whole index, e.g. with every stored record at start. */
    public synchronized void replaceAll(Collection<KnowledgeRecord> records) {
        snapshot = Snapshot.of(records.stream().map(KnowledgeRecord::knowledge).toList());
        changes.fire(KnowledgeIndexChanged.all());
    }

    /** Applies committed changes: new or changed entries. */
    public synchronized void apply(Collection<PortKnowledge> changed) {
        Map<PortKey, PortKnowledge> next = new HashMap<>(snapshot.byKey());
        changed.forEach(knowledge -> next.put(knowledge.key(), knowledge));
        snapshot = Snapshot.of(next.values());
        Set<Integer> ports = changed.stream().map(PortKnowledge::port).collect(Collectors.toSet());
        changes.fire(KnowledgeIndexChanged.ofPorts(ports));
    }

    /** How many entries it holds. */
    public int size() {
        return snapshot.byKey().size();
    }

    public Optional<PortKnowledge> find(PortKey key) {
        return Optional.ofNullable(snapshot.byKey().get(key));
    }

    /** The entries of a port, tcp first. */
    public List<PortKnowledge> byPort(int port) {
        return snapshot.byPort().getOrDefault(port, List.of());
    }

    /** The entries whose service name or alias is {@code name}, ignoring case. */
    public List<PortKnowledge> byName(String name) {
        return snapshot.byName().getOrDefault(normalize(name), List.of());
    }

    /** A page of the entries that pass the filter, in port then transport order, and how many pass in all. */
    public Page<PortKnowledge> search(Predicate<PortKnowledge> filter, int page, int size) {
        List<PortKnowledge> matching = snapshot.ordered().stream().filter(filter).toList();
        return Page.of(matching, page, size);
    }

    /** Every entry, in port then transport order. */
    public List<PortKnowledge> all() {
        return snapshot.ordered();
    }

    private static Stream<String> names(PortKnowledge knowledge) {
        return Stream.concat(Stream.ofNullable(knowledge.serviceName()), knowledge.aliases().stream())
                .map(KnowledgeIndex::normalize);
    }

    private static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
