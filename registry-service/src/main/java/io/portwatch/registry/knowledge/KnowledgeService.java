package io.portwatch.registry.knowledge;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.PortRange;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.registry.curated.CuratedEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads and changes port knowledge. A port IANA never assigned answers as UNASSIGNED, never as missing. */
@ApplicationScoped
public class KnowledgeService {

    /** The knowledge of one transport/port. */
    @Transactional
    public PortKnowledge find(PortKey key) {
        return KnowledgeEntity.findByKey(key).map(KnowledgeEntity::toKnowledge).orElseGet(() -> PortKnowledge.unassigned(key));
    }

    /** The knowledge of a port for each transport that has some; tcp and udp as UNASSIGNED when none has. */
    @Transactional
    public List<PortKnowledge> findByPort(int port) {
        PortRange.requireValid(port);
        List<PortKnowledge> known = KnowledgeEntity.findByPort(port).stream().map(KnowledgeEntity::toKnowledge).toList();
        if (!known.isEmpty()) {
            return known;
        }
        return Arrays.stream(new Transport[] {Transport.TCP, Transport.UDP})
                .map(transport -> PortKnowledge.unassigned(new PortKey(transport, port)))
                .toList();
    }

    /** Every entry, in key order, for republishing the whole knowledge set. */
    @Transactional
    public List<PortKnowledge> all() {
        return KnowledgeEntity.<KnowledgeEntity>listAll().stream().map(KnowledgeEntity::toKnowledge).toList();
    }

    /**
     * Writes a curated entry over the stored one; the version increments only when something changed.
     *
     * @return the entry when it changed, empty when the stored one already said the same
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<KnowledgeEntity> applyCurated(CuratedEntry curated) {
        PortKey key = curated.key();
        KnowledgeEntity entity = KnowledgeEntity.findByKey(key).orElseGet(() -> newEntity(key));
        PortKnowledge before = entity.toKnowledgeIfComplete();
        entity.serviceName = curated.serviceName();
        entity.aliases = List.copyOf(curated.aliases());
        entity.description = curated.description();
        entity.status = curated.status();
        entity.risk = curated.risk();
        entity.threats = List.copyOf(curated.threats());
        entity.expectedProcesses = List.copyOf(curated.expectedProcesses());
        entity.relatedPorts = List.copyOf(curated.relatedPorts());
        entity.amplificationFactor = curated.amplificationFactor();
        entity.plaintextCredentials = curated.plaintextCredentials();
        entity.remediation = curated.remediation();
        entity.references = List.copyOf(curated.references());
        if (before != null && Objects.equals(before, entity.toKnowledge())) {
            return Optional.empty();
        }
        entity.version++;
        entity.updatedAt = Instant.now();
        entity.persist();
        return Optional.of(entity);
    }

    private static KnowledgeEntity newEntity(PortKey key) {
        KnowledgeEntity entity = new KnowledgeEntity();
        entity.portKey = key.toString();
        entity.transport = key.transport().wireName();
        entity.port = key.port();
        return entity;
    }
}
