package io.portwatch.probe.host;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.probe.config.ProbeConfig;
import io.portwatch.probe.fleet.FleetIdentity;
import io.portwatch.probe.liveness.ScanActivity;
import io.portwatch.probe.publish.ListenerEventPublisher;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Host mode: scans the node's sockets in every network namespace every interval and publishes what
 * changed (OPENED, CLOSED) per host (the node, and each container, pod or namespace), plus a full SNAPSHOT
 * of every host at start, every {@code snapshot-every} scans and after events were lost to a Kafka outage,
 * so consumers can reconcile. A host that disappears (a container stopped) gets CLOSED events for its
 * listeners at once and an empty SNAPSHOT with the next round of snapshots, so its findings resolve even
 * when those CLOSED events were lost.
 */
@ApplicationScoped
public class HostProbe {

    private final HostScanner scanner;
    private final NodeInventory inventory = new NodeInventory();
    private final Map<String, HostInfo> goneSinceSnapshot = new LinkedHashMap<>();
    private final ListenerEventPublisher publisher;
    private final FleetIdentity fleet;
    private final ScanActivity activity;
    private final int snapshotEvery;
    private final Timer scanTime;
    private long scans;

    public HostProbe(HostScanner scanner, ListenerEventPublisher publisher, FleetIdentity fleet, ScanActivity activity,
            ProbeConfig config, MeterRegistry registry) {
        this.activity = activity;
        this.scanner = scanner;
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
        List<NamespaceScan> scanned = scanTime.record(scanner::scan);
        activity.finished(Duration.ofNanos(System.nanoTime() - started));
        for (NodeInventory.HostChanges changed : inventory.update(scanned)) {
            changed.changes().closed().forEach(listener -> publish(ListenerEventType.CLOSED, changed.host(), listener));
            changed.changes().opened().forEach(listener -> publish(ListenerEventType.OPENED, changed.host(), listener));
            if (changed.gone()) {
                goneSinceSnapshot.put(changed.host().id(), changed.host());
            }
            Log.infof("Host %s: %d opened, %d closed%s", changed.host().id(), changed.changes().opened().size(),
                    changed.changes().closed().size(), changed.gone() ? ", gone" : "");
        }
        if (scans++ % snapshotEvery == 0 || publisher.takeSnapshotDue()) {
            scanned.forEach(scan -> {
                goneSinceSnapshot.remove(scan.host().id());
                publisher.publish(ListenerEventType.SNAPSHOT, fleet.probe(ProbeMode.HOST), scan.host(), scan.listeners());
            });
            goneSinceSnapshot.values().forEach(host -> publisher.publish(ListenerEventType.SNAPSHOT, fleet.probe(ProbeMode.HOST), host, List.of()));
            goneSinceSnapshot.clear();
        }
    }

    /** The listeners of the last scan, of every namespace. */
    public List<Listener> current() {
        return inventory.listeners();
    }

    /** The hosts of the last scan (the node, then each other namespace) with their listeners. */
    public List<NamespaceScan> currentHosts() {
        return inventory.current();
    }

    private void publish(ListenerEventType type, HostInfo host, Listener listener) {
        publisher.publish(type, fleet.probe(ProbeMode.HOST), host, List.of(listener));
    }
}
