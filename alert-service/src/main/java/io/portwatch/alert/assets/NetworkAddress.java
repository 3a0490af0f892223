package io.portwatch.alert.assets;

import io.portwatch.events.listener.Addresses;
import io.portwatch.events.listener.HostIds;

import java.util.Optional;

/**
 * The address and zone a network host id names ({@code <address>@<zone>}, {@link HostIds#network}).
 *
 * @param zone    the zone of the probe that reached it
 * @param address the address, canonical
 */
record NetworkAddress(String zone, String address) {

    /** The address and zone of a network host id; empty for any other id (a node, a namespace, or a malformed one). */
    static Optional<NetworkAddress> of(String hostId) {
        int at = hostId.lastIndexOf(HostIds.ZONE_SEPARATOR);
        if (at <= 0 || at == hostId.length() - 1 || hostId.indexOf(HostIds.NODE_SEPARATOR) >= 0) {
            return Optional.empty();
        }
        String address = hostId.substring(0, at);
        return Addresses.isCanonical(address) ? Optional.of(new NetworkAddress(hostId.substring(at + 1), address)) : Optional.empty();
    }

    String hostId() {
        return address + HostIds.ZONE_SEPARATOR + zone;
    }
}
