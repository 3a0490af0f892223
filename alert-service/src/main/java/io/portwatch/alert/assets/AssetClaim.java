package io.portwatch.alert.assets;

import io.portwatch.events.listener.Addresses;
import io.portwatch.events.listener.HostIds;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ProbeMode;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a host says of its addresses: a host-mode probe's event about its node or a namespace, container or pod of
 * it ({@code <node>/…}) claims the host's addresses in the probe's zone, for the node (the machine). Loopback,
 * link-local, wildcard and multicast addresses name no machine and are left out.
 *
 * @param host      the claiming host's id: the node, or a host under it
 * @param node      the node's host id, the asset's id
 * @param zone      the zone of the probe that reported it
 * @param addresses the indexable addresses, canonical, sorted
 */
public record AssetClaim(String host, String node, String zone, Set<String> addresses) {

    public AssetClaim {
        addresses = Set.copyOf(addresses);
    }

    /** The claim an event makes; empty unless it {@linkplain #claims makes one}. */
    public static Optional<AssetClaim> of(ListenerEvent event) {
        if (!claims(event)) {
            return Optional.empty();
        }
        Set<String> indexable = new TreeSet<>();
        for (String address : event.host().addresses()) {
            Addresses.canonical(address).filter(AssetClaim::namesAMachine).ifPresent(indexable::add);
        }
        return Optional.of(new AssetClaim(event.host().id(), HostIds.nodeOf(event.host().id()), event.probe().zone(), indexable));
    }

    /** Whether an event makes a claim: a host-mode event about a node or a host under it, from a probe with a zone. */
    static boolean claims(ListenerEvent event) {
        String zone = event.probe().zone();
        String node = HostIds.nodeOf(event.host().id());
        return event.probe().mode() == ProbeMode.HOST && HostIds.validNode(node) && HostIds.underNode(node, event.host().id())
                && zone != null && !zone.isBlank();
    }

    /** Whether an address can name one machine: not loopback, link-local, wildcard or multicast. */
    static boolean namesAMachine(String canonical) {
        InetAddress address = Addresses.parse(canonical);
        return !address.isLoopbackAddress() && !address.isLinkLocalAddress() && !address.isAnyLocalAddress()
                && !address.isMulticastAddress();
    }
}
