package io.portwatch.registry.knowledge;

import io.portwatch.events.knowledge.ServiceStatus;

import java.util.List;

/**
 * What IANA's registry says of one transport/port, merged over all its rows.
 *
 * @param serviceName the first service name registered for it, or null for unnamed rows (e.g. Reserved)
 * @param aliases     the other service names registered on the same transport/port
 * @param description IANA's description
 * @param status      ACTIVE for a registration, RESERVED, or UNASSIGNED for de-registered and removed ones
 * @param references  IANA's references (RFCs and the like)
 */
public record IanaEntry(String serviceName, List<String> aliases, String description, ServiceStatus status,
        List<String> references) {

    public IanaEntry {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        references = references == null ? List.of() : List.copyOf(references);
    }
}
