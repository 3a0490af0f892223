package io.portwatch.alert.fleet;

import io.portwatch.events.contract.ListenerEventContract;
import io.portwatch.events.listener.Addresses;
import io.portwatch.events.listener.HostIds;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ProbeMode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a probe may speak for what its signed record says (docs/fleet.md, "Host binding"): the event names the
 * probe as enrolled; a host-mode probe speaks for its node and {@code <node>/…}; a network probe for
 * {@code <address>@<its zone>} with every address inside its scopes; the record key is the host id; and
 * {@code observedAt} lies within the contract's window of broker time. Each violation is an impersonation.
 */
public final class HostBinding {

    /** How every impersonation's reason starts. */
    public static final String IMPERSONATION = "impersonation: ";

    private HostBinding() {
    }

    /** Why the probe may not have signed this event, read from a record with this key and broker time; empty when it may. */
    public static Optional<String> violation(KnownProbe probe, String key, ListenerEvent event, Instant brokerTime,
            ListenerEventContract contract) {
        return Optional.ofNullable(reason(probe, key, event, brokerTime, contract)).map(reason -> IMPERSONATION + reason);
    }

    /** The reason of an impersonation found before decoding (a SNAPSHOT fingerprint's host id or time). */
    public static String impersonation(String reason) {
        return IMPERSONATION + reason;
    }

    private static String reason(KnownProbe probe, String key, ListenerEvent event, Instant brokerTime,
            ListenerEventContract contract) {
        if (!probe.id().equals(event.probe().id()) || probe.mode() != event.probe().mode()
                || !Objects.equals(probe.zone(), event.probe().zone())) {
            return "probe " + probe.id() + " (" + probe.mode() + ", zone " + probe.zone() + ") signed an event that names probe "
                    + event.probe().id() + " (" + event.probe().mode() + ", zone " + event.probe().zone() + ")";
        }
        HostInfo host = event.host();
        String hostViolation = probe.mode() == ProbeMode.HOST ? ofNode(probe, host.id(), host.node())
                : ofNetwork(probe, host.id(), host.addresses());
        if (hostViolation != null) {
            return hostViolation;
        }
        if (!host.id().equals(key)) {
            return "the record key " + key + " is not the host id " + host.id();
        }
        return contract.timeViolation(event.observedAt(), brokerTime).orElse(null);
    }

    /**
     * Why the probe may not speak for this host id (read before decoding, from a SNAPSHOT's fingerprint), prefixed
     * as an impersonation; empty when it may.
     */
    public static Optional<String> hostIdViolation(KnownProbe probe, String hostId) {
        String reason = probe.mode() == ProbeMode.HOST ? ofNode(probe, hostId, null) : ofNetwork(probe, hostId, List.of());
        return Optional.ofNullable(reason).map(HostBinding::impersonation);
    }

    private static String ofNode(KnownProbe probe, String hostId, String hostNode) {
        if (!HostIds.underNode(probe.node(), hostId) || hostNode != null && !hostNode.equals(probe.node())) {
            return "host probe " + probe.id() + " of node " + probe.node() + " spoke for host " + hostId;
        }
        return null;
    }

    private static String ofNetwork(KnownProbe probe, String id, List<String> addresses) {
        String suffix = String.valueOf(HostIds.ZONE_SEPARATOR) + probe.zone();
        String address = id.endsWith(suffix) ? id.substring(0, id.length() - suffix.length()) : null;
        if (address == null || !Addresses.isCanonical(address) || !inScopes(probe, address)) {
            return "network probe " + probe.id() + " of zone " + probe.zone() + " spoke for host " + id
                    + ", which is not <address>@" + probe.zone() + " inside its scopes " + probe.scopes();
        }
        for (String other : addresses) {
            if (!inScopes(probe, other)) {
                return "network probe " + probe.id() + " reported address " + other + " outside its scopes " + probe.scopes();
            }
        }
        return null;
    }

    private static boolean inScopes(KnownProbe probe, String address) {
        return probe.scopes().stream().anyMatch(scope -> scope.contains(address));
    }
}
