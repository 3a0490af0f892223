package io.portwatch.alert.fleet;

import io.portwatch.events.listener.ProbeMode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An enrolled probe as {@code GET /api/v1/probes} shows it (never its key).
 *
 * @param probeId             its id
 * @param node                its node (host mode) or name (network mode)
 * @param mode                HOST or NETWORK
 * @param zone                its zone
 * @param scopes              network mode: the CIDRs it may scan
 * @param status              ACTIVE, SILENT or REVOKED
 * @param enrolledAt          when it enrolled
 * @param revokedAt           when it was revoked; null unless REVOKED
 * @param lastHeartbeat       broker time of its last heartbeat; null before the first
 * @param heartbeatLagSeconds seconds since then, now; null before the first
 * @param heartbeatIntervalSeconds its own heartbeat interval, in seconds; null before the first heartbeat
 * @param version             its software version, from its heartbeats
 * @param lastScanAt          when its last scan finished
 * @param lastScanDurationMs  how long that took, in milliseconds
 * @param bufferedEvents      records it had written but Kafka had not acknowledged, at its last heartbeat
 */
public record ProbeView(String probeId, String node, ProbeMode mode, String zone, List<String> scopes, ProbeStatus status,
        Instant enrolledAt, Instant revokedAt, Instant lastHeartbeat, Long heartbeatLagSeconds, Long heartbeatIntervalSeconds,
        String version, Instant lastScanAt, Long lastScanDurationMs, Long bufferedEvents) {

    static ProbeView of(ProbeEntity row, Instant now) {
        return new ProbeView(row.probeId, row.node, row.mode, row.zone, List.copyOf(row.scopes), row.status, row.enrolledAt,
                row.revokedAt, row.lastHeartbeat,
                row.lastHeartbeat == null ? null : Math.max(0, Duration.between(row.lastHeartbeat, now).toSeconds()),
                row.heartbeatIntervalMs == null ? null : row.heartbeatIntervalMs / 1000, row.version, row.lastScanAt,
                row.lastScanDurationMs, row.bufferedEvents);
    }
}
