package io.portwatch.probe.network;

import java.time.Instant;
import java.util.List;

/**
 * A scan as the API shows it.
 *
 * @param id          scan id, for {@code GET /api/v1/scans/{id}}
 * @param state       QUEUED, RUNNING, DONE, FAILED (also: stopped at the scan deadline) or CANCELLED
 * @param requestedBy who asked (the token's subject, or {@code schedule})
 * @param targets     target networks
 * @param transports  transports scanned
 * @param ports       how many ports per address and transport
 * @param probes      probes in all (addresses x ports x transports)
 * @param probed      probes finished so far
 * @param requestedAt when it was asked for
 * @param startedAt   when it started, or null
 * @param finishedAt  when it finished, or null
 * @param results     per address: the open ports with evidence, and the open|filtered UDP ports
 * @param error       why it failed, or null
 */
public record ScanView(String id, String state, String requestedBy, List<String> targets, List<String> transports, int ports,
        long probes, long probed, Instant requestedAt, Instant startedAt, Instant finishedAt, List<ScanResult> results,
        String error) {
}
