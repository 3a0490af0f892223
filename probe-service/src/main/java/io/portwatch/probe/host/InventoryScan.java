package io.portwatch.probe.host;

import java.util.List;
import java.util.Optional;

/**
 * What one scan of a backend read.
 *
 * @param hosts      each host's listeners, the node's first
 * @param incomplete why the scan could not see every socket (lsof not run as root sees only its own user's processes);
 *                   null when it saw them all
 */
public record InventoryScan(List<NamespaceScan> hosts, String incomplete) {

    public InventoryScan {
        hosts = List.copyOf(hosts);
    }

    /** A scan that saw every socket. */
    static InventoryScan complete(List<NamespaceScan> hosts) {
        return new InventoryScan(hosts, null);
    }

    /** Why the scan is not the complete set, when it is not. */
    public Optional<String> incompleteBecause() {
        return Optional.ofNullable(incomplete);
    }
}
