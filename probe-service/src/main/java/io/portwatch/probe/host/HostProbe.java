package io.portwatch.probe.host;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.probe.config.ProbeConfig;
import io.portwatch.probe.fleet.FleetIdentity;
import io.portwatch.probe.liveness.ScanActivity;
import io.portwatch.probe.publish.ListenerEventPublisher;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Host mode: scans the node's sockets in every network namespace every interval and publishes what
 * changed (OPENED, CLOSED) per host (the node, and each container, pod or namespace), plus a full SNAPSHOT
 * of every host at start, every {@code snapshot-every} scans and after events were lost to a Kafka outage,
 * so consumers can reconcile. A host that disappears (a container stopped) gets CLOSED events for its
 * listeners at once and an empty SNAPSHOT with the next round of snapshots, so its findings resolve even
 * when those CLOSED events were lost. The listeners come from the platform's {@link HostInventoryBackend}, named on every
 * event ({@code probe.backend}); a backend that cannot read the node publishes nothing that round (health DOWN, one log
 * line when it starts and one when it ends), and one that sees only part of the node (lsof not run as root) publishes its
 * changes but no SNAPSHOT, which would claim a complete set and resolve the findings of sockets it cannot see.
 */
@ApplicationScoped
public class HostProbe {

    /** MDC keys of the probe's result lines: fields of their own in JSON logs. */
    static final String LOG_HOST = "host";
    static final String LOG_PORT = "port";

    private final HostInventoryBackend backend;
    private final NodeInventory inventory = new NodeInventory();
    private final Map<String, HostInfo> goneSinceSnapshot = new LinkedHashMap<>();
    private final ListenerEventPublisher publisher;
    private final FleetIdentity fleet;
    private final ScanActivity activity;
    private final int snapshotEvery;
    private final Timer scanTime;
    private long scans;
    private volatile String problem;

    public HostProbe(HostInventoryBackend backend, ListenerEventPublisher publisher, FleetIdentity fleet, ScanActivity activity,
            ProbeConfig config, MeterRegistry registry) {
        this.activity = activity;
        this.backend = backend;
        this.scanTime = Timer.builder("portwatch.probe.host.scan")
                .description("One host scan: socket tables of every namespace read and every listener attributed to its process")
                .register(registry);
        this.publisher = publisher;
        this.fleet = fleet;
        this.snapshotEvery = Math.max(1, config.hostMode().snapshotEvery());
    }

    @Scheduled(identity = "host-scan", every = "${portwatch.probe.host-mode.interval}",
            skipExecutionIf = HostScanSkipped.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void scan() {
        long started = System.nanoTime();
        InventoryScan result;
        try {
            result = scanTime.record(backend::scan);
        } catch (HostInventoryUnavailable e) {
            report(e.getMessage(), true);
            return;
        }
        report(result.incomplete(), false);
        activity.finished(Duration.ofNanos(System.nanoTime() - started));
        List<NamespaceScan> scanned = result.hosts();
        ProbeInfo probe = fleet.probe(ProbeMode.HOST).withBackend(backend.name());
        for (NodeInventory.HostChanges changed : inventory.update(scanned)) {
            changed.changes().closed().forEach(listener -> publish(probe, ListenerEventType.CLOSED, changed.host(), listener));
            changed.changes().opened().forEach(listener -> publish(probe, ListenerEventType.OPENED, changed.host(), listener));
            if (changed.gone()) {
                goneSinceSnapshot.put(changed.host().id(), changed.host());
            }
            MDC.put(LOG_HOST, changed.host().id());
            try {
                Log.infof("Host %s: %d opened, %d closed%s", changed.host().id(), changed.changes().opened().size(),
                        changed.changes().closed().size(), changed.gone() ? ", gone" : "");
            } finally {
                MDC.remove(LOG_HOST);
            }
        }
        boolean snapshotDue = scans++ % snapshotEvery == 0 | publisher.takeSnapshotDue();
        if (snapshotDue && result.incompleteBecause().isEmpty()) {
            scanned.forEach(scan -> {
                goneSinceSnapshot.remove(scan.host().id());
                publisher.publish(ListenerEventType.SNAPSHOT, probe, scan.host(), scan.listeners());
            });
            goneSinceSnapshot.values().forEach(host -> publisher.publish(ListenerEventType.SNAPSHOT, probe, host, List.of()));
            goneSinceSnapshot.clear();
        }
    }

    /** Why the last scan read nothing or only part of the node; empty when it read everything. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The backend that reads the listeners. */
    public String backend() {
        return backend.name();
    }

    /** The listeners of the last scan, of every namespace. */
    public List<Listener> current() {
        return inventory.listeners();
    }

    /** The hosts of the last scan (the node, then each other namespace) with their listeners. */
    public List<NamespaceScan> currentHosts() {
        return inventory.current();
    }

    /** Publishes one opened or closed listener, and logs it with its host and port also as MDC fields (JSON logs). */
    private void publish(ProbeInfo probe, ListenerEventType type, HostInfo host, Listener listener) {
        publisher.publish(type, probe, host, List.of(listener));
        MDC.put(LOG_HOST, host.id());
        MDC.put(LOG_PORT, listener.portKey().toString());
        try {
            Log.debugf("Listener %s %s on %s (%s)", listener.portKey(), type.name().toLowerCase(Locale.ROOT), host.id(),
                    listener.address());
        } finally {
            MDC.remove(LOG_HOST);
            MDC.remove(LOG_PORT);
        }
    }

    /** Keeps the problem for health, and logs when it starts, changes or ends: one line, not one per scan. */
    private void report(String now, boolean unavailable) {
        String before = problem;
        problem = now;
        if (Objects.equals(before, now)) {
            return;
        }
        if (now == null) {
            Log.infof("Host mode's %s backend reads the node's listeners again", backend.name());
        } else if (unavailable) {
            Log.errorf("Host mode's %s backend cannot read the node's listeners, nothing is published: %s", backend.name(), now);
        } else {
            Log.warnf("Host mode's %s backend sees only part of the node, no SNAPSHOT is sent: %s", backend.name(), now);
        }
    }
}
