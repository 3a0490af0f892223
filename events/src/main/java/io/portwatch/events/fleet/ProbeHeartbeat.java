package io.portwatch.events.fleet;

import io.portwatch.events.listener.ProbeMode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A probe saying it is alive, every {@code interval}. The value of {@code portwatch.probe-heartbeats}, keyed by
 * probe id and signed like every record a probe writes ({@link RecordSignature}).
 *
 * @param probeId            the enrolled probe's id
 * @param version            the probe's software version
 * @param node               host mode: the node it runs on (its host id); network mode: the name it enrolled with
 * @param zone               the network zone it sees from
 * @param mode               HOST or NETWORK
 * @param scopes             network mode: the CIDRs it may scan; empty in host mode
 * @param sentAt             when it was sent (probe clock)
 * @param interval           how often the probe sends one (in JSON: seconds, e.g. {@code 30.000000000})
 * @param lastScanAt         when its last scan finished, null before the first
 * @param lastScanDurationMs how long that scan took, in milliseconds; null before the first
 * @param bufferedEvents     records written but not yet acknowledged by Kafka
 */
public record ProbeHeartbeat(
        String probeId,
        String version,
        String node,
        String zone,
        ProbeMode mode,
        List<String> scopes,
        Instant sentAt,
        Duration interval,
        Instant lastScanAt,
        Long lastScanDurationMs,
        long bufferedEvents) {

    /** @throws IllegalArgumentException naming what a heartbeat requires and this one lacks */
    public ProbeHeartbeat {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        if (probeId == null || probeId.isBlank() || mode == null || sentAt == null || interval == null
                || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a heartbeat needs probeId, mode, sentAt and a positive interval");
        }
    }
}
