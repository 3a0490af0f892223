package io.portwatch.alert.findings;

import io.portwatch.events.listener.HostIds;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.ProbeInfo;

/**
 * A host as the probes report it, with the network zone and the probe that saw it and the asset (machine) it is on.
 *
 * @param info  the host
 * @param zone  the probe's zone; null when unknown
 * @param probe the probe that reported it; null when unknown
 * @param asset the machine: a host-mode host's node, else the node that alone claims a network host's address in
 *              its zone (the asset index), else the host id
 */
public record SeenHost(HostInfo info, String zone, ProbeInfo probe, String asset) {

    /** The host as a probe reported it, on the asset it names itself (no index consulted). */
    public SeenHost(HostInfo info, ProbeInfo probe) {
        this(info, probe.zone(), probe, ownAsset(info));
    }

    public String id() {
        return info.id();
    }

    /** The same host on another asset. */
    public SeenHost onAsset(String otherAsset) {
        return new SeenHost(info, zone, probe, otherAsset);
    }

    /** The asset a host names without the index: its node ({@code host.node}, or the node part of its id), else its id. */
    public static String ownAsset(HostInfo info) {
        if (info.node() != null && !info.node().isBlank()) {
            return info.node();
        }
        String node = HostIds.nodeOf(info.id());
        return node != null ? node : info.id();
    }
}
