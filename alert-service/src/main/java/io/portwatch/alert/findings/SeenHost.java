package io.portwatch.alert.findings;

import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.ProbeInfo;

/**
 * A host as the probes report it, with the network zone of the probe that saw it.
 *
 * @param info the host
 * @param zone  the probe's zone; null when unknown
 * @param probe the probe that reported it; null when unknown
 */
public record SeenHost(HostInfo info, String zone, ProbeInfo probe) {

    /** The host as a probe reported it. */
    public SeenHost(HostInfo info, ProbeInfo probe) {
        this(info, probe.zone(), probe);
    }

    public String id() {
        return info.id();
    }
}
