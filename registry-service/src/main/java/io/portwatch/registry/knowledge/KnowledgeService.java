package io.portwatch.registry.knowledge;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.PortRange;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.registry.outbox.OutboxEntry;
import io.portwatch.registry.outbox.OutboxRelay;
import io.portwatch.registry.outbox.OutboxStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads knowledge from the in-memory index and changes it through the store. A port IANA never
 * assigned answers as UNASSIGNED with its range, never as missing.
 */
@ApplicationScoped
public class KnowledgeService {

    private static final List<Transport> DEFAULT_TRANSPORTS = List.of(Transport.TCP, Transport.UDP);

    private final KnowledgeIndex index;
    private final KnowledgeStore store;
    private final OutboxStore outbox;
    private final OutboxRelay relay;

    public KnowledgeService(KnowledgeIndex index, KnowledgeStore store, OutboxStore outbox, OutboxRelay relay) {
        this.index = index;
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** The knowledge of one transport/port. */
    public PortKnowledge find(PortKey key) {
        return index.find(key).orElseGet(() -> PortKnowledge.unassigned(key));
    }

    /** The knowledge of a port for each transport that has some; tcp and udp as UNASSIGNED when none has. */
    public List<PortKnowledge> findByPort(int port) {
        PortRange.requireValid(port);
        List<PortKnowledge> known = index.byPort(port);
        return known.isEmpty() ? unassigned(port) : known;
    }

    /** What {@link #findByPort} answers for a port the index holds nothing for: tcp and udp as UNASSIGNED. */
    public List<PortKnowledge> unassigned(int port) {
        return DEFAULT_TRANSPORTS.stream().map(transport -> PortKnowledge.unassigned(new PortKey(transport, port))).toList();
    }

    /** Whether the index holds an entry for any transport of the port. */
    public boolean isKnown(int port) {
        return !index.byPort(port).isEmpty();
    }

    /** The entries known by a service name or alias, ignoring case. */
    public List<PortKnowledge> findByName(String name) {
        return index.byName(name);
    }

    public Page<PortKnowledge> search(SearchFilter filter, int page, int size) {
        return index.search(filter, page, size);
    }

    /**
     * Replaces the curated layer of a transport/port when {@code expectedVersion} is still its version
     * (0 for a port with no entry yet).
     *
     * @throws VersionConflictException when another change came first
     */
    public PortKnowledge update(PortKey key, Curation curation, long expectedVersion, String changedBy) {
        KnowledgeRecord saved = QuarkusTransaction.requiringNew().call(() -> {
            Optional<KnowledgeRecord> stored = store.loadForUpdate(key);
            long current = stored.map(KnowledgeRecord::version).orElse(0L);
            if (current != expectedVersion) {
                throw new VersionConflictException(key.toString(), expectedVersion, current);
            }
            KnowledgeRecord before = stored.orElse(null);
            if (before != null && before.sameLayers(before.iana(), curation)) {
                return before;
            }
            KnowledgeRecord after = before == null
                    ? new KnowledgeRecord(key, null, curation, 1, KnowledgeRecord.now())
                    : before.next(before.iana(), curation, KnowledgeRecord.now());
            store.write(List.of(new KnowledgeChange(before, after)), changedBy, "admin");
            return after;
        });
        index.apply(List.of(saved.knowledge()));
        relay.wakeUp();
        return saved.knowledge();
    }

    /** The IANA and curated layers of a transport/port beside their merge; both null for a port nobody registered. */
    public KnowledgeLayers layers(PortKey key) {
        return store.load(List.of(key)).stream().findFirst()
                .map(row -> new KnowledgeLayers(row.iana(), row.curation(), row.knowledge()))
                .orElseGet(() -> new KnowledgeLayers(null, null, PortKnowledge.unassigned(key)));
    }

    /** The history of a transport/port, oldest first. */
    public List<HistoryEntry> history(PortKey key) {
        return store.history(key);
    }

    /** Queues every entry for the knowledge topic, so a consumer that lost it can rebuild its view; returns how many. */
    public int republishAll() {
        List<OutboxEntry> entries = index.all().stream().map(OutboxEntry::new).toList();
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(entries));
        relay.wakeUp();
        return entries.size();
    }

    /** Applies changes made by another replica, found through the shared history. */
    public void refresh(List<PortKey> changed) {
        List<KnowledgeRecord> records = QuarkusTransaction.requiringNew().call(() -> store.load(changed));
        index.apply(records.stream().map(KnowledgeRecord::knowledge).toList());
    }
}
