package io.portwatch.alert.findings;

import io.portwatch.events.listener.HostInfo;

/**
 * A host as the probes report it, with the network zone of the probe that saw it.
 *
 * @param info the host
 * @param zone the probe's zone; null when unknown
 */
public record SeenHost(HostInfo info, String zone) {

    public String id() {
        return info.id();
    }
}
