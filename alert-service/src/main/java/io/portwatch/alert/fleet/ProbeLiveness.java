package io.portwatch.alert.fleet;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.database.SchemaJobs;
import io.portwatch.alert.findings.FindingChange;
import io.portwatch.alert.findings.FindingStore;
import io.portwatch.events.fleet.ProbeHeartbeat;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is alive: records each admitted heartbeat on its probe's row; every {@code portwatch.alert.fleet.silence-check}
 * turns ACTIVE probes not heard for {@code missed-heartbeats} of their own intervals SILENT (raising
 * {@code probe-silent}, their findings STALE); and turns a SILENT probe ACTIVE again when it is heard (a heartbeat
 * or a valid record), restoring its findings. Each flip is a conditional UPDATE of one row, so with several
 * instances exactly one of them makes it and its finding changes. A probe is watched from its first heartbeat: until
 * then its interval is unknown. An instance counts silence from its own start at the earliest, so a restart after an
 * outage does not take the heartbeats still waiting in the topic for missed ones.
 */
@ApplicationScoped
public class ProbeLiveness {

    private final FindingStore changes;
    private final ProbeDirectory directory;
    private final int missedHeartbeats;
    private final Instant startedAt = Instant.now();

    public ProbeLiveness(FindingStore changes, ProbeDirectory directory, AlertConfig config) {
        this.changes = changes;
        this.directory = directory;
        this.missedHeartbeats = config.fleet().missedHeartbeats();
    }

    /**
     * Records an admitted heartbeat (at its broker time, never later than now) on its probe's row; revives the probe
     * if it was SILENT. A heartbeat older than the last one recorded changes nothing.
     */
    public void heartbeat(KnownProbe probe, ProbeHeartbeat heartbeat, Instant brokerTime) {
        Instant now = Instant.now();
        Instant at = brokerTime.isAfter(now) ? now : brokerTime;
        ProbeStatus status = QuarkusTransaction.requiringNew().call(() -> {
            ProbeEntity row = ProbeEntity.findById(probe.id());
            if (row == null || row.status == ProbeStatus.REVOKED || row.lastHeartbeat != null && !at.isAfter(row.lastHeartbeat)) {
                return null;
            }
            row.lastHeartbeat = at;
            row.lastHeard = row.lastHeard != null && row.lastHeard.isAfter(at) ? row.lastHeard : at;
            row.heartbeatIntervalMs = heartbeat.interval().toMillis();
            row.version = heartbeat.version();
            row.lastScanAt = heartbeat.lastScanAt();
            row.lastScanDurationMs = heartbeat.lastScanDurationMs();
            row.bufferedEvents = heartbeat.bufferedEvents();
            return row.status;
        });
        if (status == ProbeStatus.SILENT) {
            heardAgain(probe.id());
        }
    }

    /** A valid record of a probe this instance holds as SILENT: it is heard again. */
    public void heard(KnownProbe probe) {
        if (probe.status() == ProbeStatus.SILENT) {
            heardAgain(probe.id());
        }
    }

    private void heardAgain(String probeId) {
        Instant now = Instant.now();
        List<FindingChange> restored = changes.apply(() -> {
            int revived = ProbeEntity.update("status = ?1, lastHeard = ?2 where probeId = ?3 and status = ?4",
                    ProbeStatus.ACTIVE, now, probeId, ProbeStatus.SILENT);
            return revived == 1 ? FleetFindings.heardAgain(probeId, now) : List.of();
        });
        directory.statusChanged(probeId, ProbeStatus.ACTIVE);
        if (!restored.isEmpty()) {
            Log.infof("Probe %s is heard again: %d finding changes", probeId, restored.size());
        }
    }

    /**
     * Finds the ACTIVE probes due to turn SILENT by one read, outside {@link FindingStore}'s lock (so no correlation
     * waits for it), and only when there are some flips them through it, each only if not heard since it was read.
     */
    @Scheduled(identity = "alert-fleet-silence-check", every = "${portwatch.alert.fleet.silence-check:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaJobs.class)
    void checkSilence() {
        try {
            Instant now = Instant.now();
            List<ProbeEntity> due = QuarkusTransaction.requiringNew().call(() -> silentAt(now));
            if (due.isEmpty()) {
                return;
            }
            List<String> silenced = new ArrayList<>();
            List<FindingChange> made = changes.apply(() -> {
                silenced.clear(); // a retried transaction starts over
                List<FindingChange> changed = new ArrayList<>();
                for (ProbeEntity row : due) {
                    // Only if it was not heard since it was read: a heartbeat committed meanwhile keeps it ACTIVE.
                    if (ProbeEntity.update("status = ?1 where probeId = ?2 and status = ?3 and lastHeard = ?4",
                            ProbeStatus.SILENT, row.probeId, ProbeStatus.ACTIVE, row.lastHeard) == 1) {
                        silenced.add(row.probeId);
                        changed.addAll(FleetFindings.silent(KnownProbe.of(row, null), now));
                    }
                }
                return changed;
            });
            silenced.forEach(id -> directory.statusChanged(id, ProbeStatus.SILENT));
            if (!silenced.isEmpty()) {
                Log.warnf("Probes silent for %d of their heartbeat intervals: %s (%d finding changes)", missedHeartbeats,
                        silenced, made.size());
            }
        } catch (RuntimeException e) {
            Log.warnf("Probes not checked for silence (%s); checked again at the next period", e.getMessage());
        }
    }

    /** The ACTIVE probes with a known interval not heard for {@code missedHeartbeats} of it at {@code now}. */
    private List<ProbeEntity> silentAt(Instant now) {
        List<ProbeEntity> due = new ArrayList<>();
        for (ProbeEntity row : ProbeEntity.<ProbeEntity>list("status = ?1 and heartbeatIntervalMs is not null", ProbeStatus.ACTIVE)) {
            // Silence is counted from when this instance began to listen at the latest: after an outage of
            // alert-service the probes' heartbeats still wait in the topic, and are not missed.
            Instant heard = row.lastHeard.isAfter(startedAt) ? row.lastHeard : startedAt;
            if (now.isAfter(heard.plus(Duration.ofMillis(row.heartbeatIntervalMs).multipliedBy(missedHeartbeats)))) {
                due.add(row);
            }
        }
        return due;
    }
}
