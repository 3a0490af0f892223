package io.portwatch.alert.fleet;

import io.portwatch.alert.database.SchemaJobs;
import io.portwatch.events.fleet.RecordSignature;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The enrolled probes in memory, so that verifying a record is a lookup, never a query: reloaded from the
 * database every {@code portwatch.alert.fleet.refresh} (enrolments and revocations on other instances), at once
 * after one on this instance, and at most once a second when a record names a probe it does not hold (enrolled
 * elsewhere a moment ago). A probe's verifier is kept across reloads while its enrolment is unchanged.
 */
@ApplicationScoped
public class ProbeDirectory {

    private static final Duration MISS_RELOAD = Duration.ofSeconds(1);

    private final FleetSecrets secrets;
    private final Clock clock = Clock.systemUTC();
    private volatile Map<String, KnownProbe> probes = Map.of();
    private final AtomicReference<Instant> lastMissReload = new AtomicReference<>(Instant.MIN);

    public ProbeDirectory(FleetSecrets secrets) {
        this.secrets = secrets;
    }

    /** The probe with this id, reloading (at most once a second) when it is not held. */
    public Optional<KnownProbe> find(String probeId) {
        KnownProbe probe = probes.get(probeId);
        if (probe == null) {
            Instant now = clock.instant();
            Instant last = lastMissReload.get();
            if (now.isAfter(last.plus(MISS_RELOAD)) && lastMissReload.compareAndSet(last, now)) {
                reload();
                probe = probes.get(probeId);
            }
        }
        return Optional.ofNullable(probe);
    }

    /** Records a status this instance set in the database, until the next reload reads it. */
    void statusChanged(String probeId, ProbeStatus status) {
        synchronized (this) {
            KnownProbe probe = probes.get(probeId);
            if (probe != null) {
                Map<String, KnownProbe> changed = new HashMap<>(probes);
                changed.put(probeId, probe.withStatus(status));
                probes = Map.copyOf(changed);
            }
        }
    }

    @Scheduled(identity = "alert-fleet-probe-directory", every = "${portwatch.alert.fleet.refresh:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaJobs.class)
    void scheduledReload() {
        reload();
    }

    /** Reads every enrolled probe again; keeps what it held while the database cannot be read. */
    public void reload() {
        if (!secrets.fleetSecretPresent()) {
            return; // without the fleet secret no key can be derived: no probe can be verified
        }
        List<ProbeEntity> rows;
        try {
            rows = QuarkusTransaction.requiringNew().call(() -> ProbeEntity.<ProbeEntity>listAll());
        } catch (RuntimeException e) {
            Log.warnf("Enrolled probes not reloaded (%s); keeping the %d held", e.getMessage(), probes.size());
            return;
        }
        synchronized (this) {
            Map<String, KnownProbe> held = probes;
            Map<String, KnownProbe> loaded = new HashMap<>();
            for (ProbeEntity row : rows) {
                KnownProbe unverified = KnownProbe.of(row, null);
                KnownProbe before = held.get(row.probeId);
                RecordSignature signature = before != null && before.sameEnrolment(unverified)
                        ? before.signature()
                        : new RecordSignature(secrets.keyOf(row.probeId));
                loaded.put(row.probeId, KnownProbe.of(row, signature));
            }
            probes = Map.copyOf(loaded);
        }
    }
}
