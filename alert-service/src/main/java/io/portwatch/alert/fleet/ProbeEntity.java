package io.portwatch.alert.fleet;

import io.portwatch.events.listener.ProbeMode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A row of {@code probe}: one enrolment. Its key is derived ({@link FleetSecrets}), never stored. */
@Entity
@Table(name = "probe")
public class ProbeEntity extends PanacheEntityBase {

    @Id
    @Column(name = "probe_id")
    public String probeId;

    public String node;

    @Enumerated(EnumType.STRING)
    public ProbeMode mode;

    public String zone;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> scopes = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    public ProbeStatus status;

    @Column(name = "enrolled_at")
    public Instant enrolledAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "last_heartbeat")
    public Instant lastHeartbeat;

    @Column(name = "last_heard")
    public Instant lastHeard;

    @Column(name = "heartbeat_interval_ms")
    public Long heartbeatIntervalMs;

    public String version;

    @Column(name = "last_scan_at")
    public Instant lastScanAt;

    @Column(name = "last_scan_duration_ms")
    public Long lastScanDurationMs;

    @Column(name = "buffered_events")
    public Long bufferedEvents;

    /** Whether another enrolment, not revoked, holds this node, mode and zone. */
    static boolean enrolled(String node, ProbeMode mode, String zone) {
        return count("node = ?1 and mode = ?2 and zone = ?3 and status <> ?4", node, mode, zone, ProbeStatus.REVOKED) > 0;
    }
}
