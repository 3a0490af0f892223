package io.portwatch.events.knowledge;

import java.time.Instant;
import java.util.List;

/**
 * What Portwatch knows of one transport/port: IANA's registration plus curated risk knowledge.
 * The value of the compacted {@code portwatch.port-knowledge} topic, keyed by {@link #key()}.
 *
 * @param port                 0-65535
 * @param transport            tcp, udp, sctp or dccp
 * @param serviceName          IANA service name, or null where IANA names none
 * @param aliases              other names the service is known by (e.g. {@code apple-remote-desktop})
 * @param description          IANA's description, or the curated one
 * @param range                SYSTEM, REGISTERED or DYNAMIC
 * @param status               ACTIVE, LEGACY, DEPRECATED, UNASSIGNED or RESERVED
 * @param risk                 how dangerous an exposed listener is
 * @param threats              what an attacker can do with it
 * @param expectedProcesses    names of the processes that legitimately own such a listener, for people: a process
 *                             chooses its own name, so no verdict rests on it
 * @param expectedExecutables  absolute paths of the executables that legitimately own such a listener (e.g.
 *                             {@code /usr/libexec/rapportd}): what an owner is judged by
 * @param relatedPorts         ports of the same product or attack path
 * @param amplificationFactor  response/request size ratio of a UDP reflector, or null
 * @param plaintextCredentials whether credentials cross the network without TLS
 * @param remediation          what to do about it
 * @param references           where the facts come from
 * @param version              increments with every change
 * @param updatedAt            when it last changed
 */
public record PortKnowledge(
        int port,
        Transport transport,
        String serviceName,
        List<String> aliases,
        String description,
        PortRange range,
        ServiceStatus status,
        Risk risk,
        List<String> threats,
        List<String> expectedProcesses,
        List<String> expectedExecutables,
        List<Integer> relatedPorts,
        Double amplificationFactor,
        boolean plaintextCredentials,
        String remediation,
        List<String> references,
        long version,
        Instant updatedAt) {

    public PortKnowledge {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        threats = threats == null ? List.of() : List.copyOf(threats);
        expectedProcesses = expectedProcesses == null ? List.of() : List.copyOf(expectedProcesses);
        expectedExecutables = expectedExecutables == null ? List.of() : List.copyOf(expectedExecutables);
        relatedPorts = relatedPorts == null ? List.of() : List.copyOf(relatedPorts);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** The knowledge topic's key for this entry. */
    public PortKey key() {
        return PortKey.of(transport, port);
    }

    /** What Portwatch answers for a port that IANA never assigned. */
    public static PortKnowledge unassigned(PortKey key) {
        return new PortKnowledge(key.port(), key.transport(), null, List.of(), "Unassigned",
                PortRange.of(key.port()), ServiceStatus.UNASSIGNED, Risk.NONE, List.of(), List.of(), List.of(), List.of(),
                null, false, null, List.of(), 0, null);
    }
}
