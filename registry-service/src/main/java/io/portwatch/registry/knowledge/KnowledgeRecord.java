package io.portwatch.registry.knowledge;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.PortRange;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A stored row: the IANA layer and the curated layer of one transport/port, and the version of the
 * knowledge they make together ({@link #knowledge()}).
 *
 * @param key       transport/port
 * @param iana      IANA's registration, or null
 * @param curation  the curated layer, or null
 * @param version   increments with every change of the knowledge
 * @param updatedAt when it last changed
 */
public record KnowledgeRecord(PortKey key, IanaEntry iana, Curation curation, long version, Instant updatedAt) {

    /** Now, at the precision PostgreSQL keeps, so stored and published records compare equal. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The same record with other layers, one version on. */
    public KnowledgeRecord next(IanaEntry newIana, Curation newCuration, Instant at) {
        return new KnowledgeRecord(key, newIana, newCuration, version + 1, at);
    }

    /** Whether the layers say the same as another record's, whatever their versions. */
    public boolean sameLayers(IanaEntry otherIana, Curation otherCuration) {
        return Objects.equals(iana, otherIana) && Objects.equals(curation, otherCuration);
    }

    /** The knowledge the two layers make: the curated layer wins where it says something. */
    public PortKnowledge knowledge() {
        String serviceName = firstNonNull(curation == null ? null : curation.serviceName(), iana == null ? null : iana.serviceName());
        Set<String> aliases = new LinkedHashSet<>();
        if (curation != null) {
            aliases.addAll(curation.aliases());
        }
        if (iana != null) {
            Stream.concat(Stream.ofNullable(iana.serviceName()), iana.aliases().stream())
                    .filter(name -> !name.equals(serviceName))
                    .forEach(aliases::add);
        }
        Set<String> references = new LinkedHashSet<>();
        if (curation != null) {
            references.addAll(curation.references());
        }
        if (iana != null) {
            references.addAll(iana.references());
        }
        return new PortKnowledge(key.port(), key.transport(), serviceName, List.copyOf(aliases),
                firstNonNull(curation == null ? null : curation.description(), iana == null ? null : iana.description()),
                PortRange.of(key.port()),
                firstNonNull(curation == null ? null : curation.status(), iana == null ? ServiceStatus.UNASSIGNED : iana.status()),
                curation == null ? Risk.NONE : curation.risk(),
                curation == null ? List.of() : curation.threats(),
                curation == null ? List.of() : curation.expectedProcesses(),
                curation == null ? List.of() : curation.expectedExecutables(),
                curation == null ? List.of() : curation.relatedPorts(),
                curation == null ? null : curation.amplificationFactor(),
                curation != null && curation.plaintextCredentials(),
                curation == null ? null : curation.remediation(),
                List.copyOf(references), version, updatedAt);
    }

    private static <T> T firstNonNull(T first, T second) {
        return first != null ? first : second;
    }
}
