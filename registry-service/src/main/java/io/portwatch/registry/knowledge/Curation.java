package io.portwatch.registry.knowledge;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;

import java.util.List;

/**
 * Portwatch's own knowledge of a port, layered over IANA's: risk, threats, expected processes and
 * remediation, and optionally a better name, description or status than IANA's. It comes from
 * {@code knowledge/curated.json} and from admins' updates, and an IANA import never changes it.
 *
 * @param serviceName          overrides IANA's service name when set
 * @param aliases              more names the service is known by (added to IANA's)
 * @param description          overrides IANA's description when set
 * @param status               overrides IANA's status when set (e.g. DEPRECATED)
 * @param risk                 how dangerous an exposed listener is (required)
 * @param threats              what an attacker can do with it
 * @param expectedProcesses    names of the processes that legitimately own such a listener (for people only)
 * @param expectedExecutables  absolute paths of the executables that legitimately own such a listener: what an
 *                             owner is judged by
 * @param relatedPorts         ports of the same product or attack path
 * @param amplificationFactor  response/request size ratio of a UDP reflector, or null
 * @param plaintextCredentials whether credentials cross the network without TLS
 * @param remediation          what to do about it
 * @param references           where the facts come from (added to IANA's)
 */
public record Curation(
        String serviceName,
        List<String> aliases,
        String description,
        ServiceStatus status,
        Risk risk,
        List<String> threats,
        List<String> expectedProcesses,
        List<String> expectedExecutables,
        List<Integer> relatedPorts,
        Double amplificationFactor,
        boolean plaintextCredentials,
        String remediation,
        List<String> references) {

    /** @throws IllegalArgumentException naming the field when a value is missing or out of bounds */
    public Curation {
        if (risk == null) {
            throw new IllegalArgumentException("risk is required: one of NONE, LOW, MEDIUM, HIGH, CRITICAL");
        }
        if (amplificationFactor != null && !(amplificationFactor >= 0 && amplificationFactor <= 100_000)) {
            throw new IllegalArgumentException("amplificationFactor must be between 0 and 100000");
        }
        aliases = KnowledgeLimits.texts("aliases", aliases, ContractLimits.NAME);
        threats = KnowledgeLimits.texts("threats", threats, ContractLimits.KNOWLEDGE_TEXT);
        expectedProcesses = KnowledgeLimits.texts("expectedProcesses", expectedProcesses, ContractLimits.NAME);
        expectedExecutables = KnowledgeLimits.texts("expectedExecutables", expectedExecutables, ContractLimits.PATH);
        if (expectedExecutables.stream().anyMatch(path -> !path.startsWith("/"))) {
            throw new IllegalArgumentException("expectedExecutables are absolute paths");
        }
        references = KnowledgeLimits.texts("references", references, ContractLimits.KNOWLEDGE_TEXT);
        relatedPorts = relatedPorts == null ? List.of() : List.copyOf(relatedPorts);
        KnowledgeLimits.count("relatedPorts", relatedPorts.size());
        if (relatedPorts.stream().anyMatch(port -> port == null || port < 0 || port > 65_535)) {
            throw new IllegalArgumentException("relatedPorts holds a port outside 0-65535");
        }
        KnowledgeLimits.name("serviceName", serviceName);
        KnowledgeLimits.text("description", description);
        KnowledgeLimits.text("remediation", remediation);
    }
}
