package io.portwatch.registry.curated;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;

import java.util.List;

/** One entry of {@code knowledge/curated.json}: the risk knowledge Portwatch adds to IANA's registration. */
public record CuratedEntry(
        Transport transport,
        int port,
        String serviceName,
        List<String> aliases,
        String description,
        ServiceStatus status,
        Risk risk,
        List<String> threats,
        List<String> expectedProcesses,
        List<Integer> relatedPorts,
        Double amplificationFactor,
        boolean plaintextCredentials,
        String remediation,
        List<String> references) {

    public PortKey key() {
        return new PortKey(transport, port);
    }
}
