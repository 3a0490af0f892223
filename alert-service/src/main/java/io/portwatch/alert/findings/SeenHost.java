package io.portwatch.alert.findings;

import io.portwatch.events.listener.HostIds;
import io.portwatch.events.listener.HostInfo;

/**
 * A host as the probes report it, with the network zone of the probe that saw it and the asset (machine) it is on.
 *
 * @param info  the host
 * @param zone  the probe's zone; null when unknown
 * @param asset the machine: a host-mode host's node, else the node that alone claims a network host's address in
 *              its zone (the asset index), else the host id
 */
public record SeenHost(HostInfo info, String zone, String asset) {

    /** A host on the asset it names itself: its node, or for a network host its own id (no index consulted). */
    public SeenHost(HostInfo info, String zone) {
        this(info, zone, ownAsset(info));
    }

    public String id() {
        return info.id();
    }

    /** The same host on another asset. */
    public SeenHost onAsset(String otherAsset) {
        return new SeenHost(info, zone, otherAsset);
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
