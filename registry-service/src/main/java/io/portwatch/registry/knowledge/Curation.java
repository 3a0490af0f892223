package io.portwatch.registry.knowledge;

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

    private static final int MAX_TEXT = 4_000;
    private static final int MAX_ITEMS = 50;

    /** @throws IllegalArgumentException naming the field when a value is missing or out of bounds */
    public Curation {
        if (risk == null) {
            throw new IllegalArgumentException("risk is required: one of NONE, LOW, MEDIUM, HIGH, CRITICAL");
        }
        if (amplificationFactor != null && !(amplificationFactor >= 0 && amplificationFactor <= 100_000)) {
            throw new IllegalArgumentException("amplificationFactor must be between 0 and 100000");
        }
        aliases = texts("aliases", aliases);
        threats = texts("threats", threats);
        expectedProcesses = texts("expectedProcesses", expectedProcesses);
        expectedExecutables = texts("expectedExecutables", expectedExecutables);
        if (expectedExecutables.stream().anyMatch(path -> !path.startsWith("/"))) {
            throw new IllegalArgumentException("expectedExecutables are absolute paths");
        }
        references = texts("references", references);
        relatedPorts = relatedPorts == null ? List.of() : List.copyOf(relatedPorts);
        if (relatedPorts.size() > MAX_ITEMS || relatedPorts.stream().anyMatch(port -> port == null || port < 0 || port > 65_535)) {
            throw new IllegalArgumentException("relatedPorts holds at most " + MAX_ITEMS + " ports, each 0-65535");
        }
        text("serviceName", serviceName);
        text("description", description);
        text("remediation", remediation);
    }

    private static List<String> texts(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_ITEMS) {
            throw new IllegalArgumentException(field + " holds at most " + MAX_ITEMS + " items");
        }
        values.forEach(value -> {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " must not contain empty items");
            }
            text(field, value);
        });
        return List.copyOf(values);
    }

    private static void text(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_TEXT + " characters");
        }
    }
}
