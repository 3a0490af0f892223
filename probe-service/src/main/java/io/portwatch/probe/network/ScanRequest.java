package io.portwatch.probe.network;

import java.util.List;

/**
 * A network scan to run, as {@code POST /api/v1/scans} takes it.
 *
 * @param targets    addresses or CIDRs, each inside the allowed scopes
 * @param ports      a port list such as {@code 1-1024,3031,3283}
 * @param transports {@code tcp} and/or {@code udp}; both when absent
 * @param evidence   whether to run protocol probes on what is open (default true); false sweeps only
 */
public record ScanRequest(List<String> targets, String ports, List<String> transports, Boolean evidence) {
}
