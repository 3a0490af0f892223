package io.portwatch.events.listener;

import io.portwatch.events.knowledge.Transport;

import java.util.List;

/**
 * What a SNAPSHOT is complete for. A network probe's SNAPSHOT after a scan holds what it found among the ports
 * it scanned, and says nothing about any other: a consumer closes only the listeners this scope covers.
 * A SNAPSHOT without a scope (host mode) is complete for every port.
 *
 * @param ports the scanned ports, one set per transport (at most {@link #MAX_SETS})
 */
public record SnapshotScope(List<PortSet> ports) {

    /** Most port sets in a scope. */
    public static final int MAX_SETS = 8;

    /** @throws IllegalArgumentException when it has no port set, or too many */
    public SnapshotScope {
        ports = ports == null ? List.of() : List.copyOf(ports);
        if (ports.isEmpty() || ports.size() > MAX_SETS) {
            throw new IllegalArgumentException("a snapshot scope has 1 to " + MAX_SETS + " port sets");
        }
    }

    /** Whether the scope covers this port of this transport. */
    public boolean covers(Transport transport, int port) {
        return ports.stream().anyMatch(set -> set.covers(transport, port));
    }
}
