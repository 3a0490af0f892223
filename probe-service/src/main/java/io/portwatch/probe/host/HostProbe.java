package io.portwatch.probe.host;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.probe.config.ProbeConfig;
import io.portwatch.probe.config.ProbeIdentity;
import io.portwatch.probe.publish.ListenerEventPublisher;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Host mode: scans the host's sockets every interval and publishes what changed (OPENED, CLOSED),
 * plus a full SNAPSHOT at start, every {@code snapshot-every} scans and after events were lost to a Kafka
 * outage, so consumers can reconcile.
 */
@ApplicationScoped
public class HostProbe {

    private final HostScanner scanner;
    private final ListenerInventory inventory = new ListenerInventory();
    private final ListenerEventPublisher publisher;
    private final ProbeIdentity identity;
    private final int snapshotEvery;
    private final Timer scanTime;
    private long scans;

    public HostProbe(HostScanner scanner, ListenerEventPublisher publisher, ProbeIdentity identity, ProbeConfig config,
            MeterRegistry registry) {
        this.scanner = scanner;
        this.scanTime = Timer.builder("portwatch.probe.host.scan")
                .description("One host scan: socket tables read and every listener attributed to its process")
                .register(registry);
        this.publisher = publisher;
        this.identity = identity;
        this.snapshotEvery = Math.max(1, config.hostMode().snapshotEvery());
    }

    @Scheduled(identity = "host-scan", every = "${portwatch.probe.host-mode.interval}",
            skipExecutionIf = HostModeDisabled.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void scan() {
        List<Listener> scanned = scanTime.record(scanner::scan);
        ListenerInventory.Changes changes = inventory.update(scanned);
        changes.closed().forEach(listener -> publish(ListenerEventType.CLOSED, listener));
        changes.opened().forEach(listener -> publish(ListenerEventType.OPENED, listener));
        if (scans++ % snapshotEvery == 0 || publisher.takeSnapshotDue()) {
            publisher.publish(ListenerEventType.SNAPSHOT, identity.hostModeProbe(), identity.host(), scanned);
        }
        if (!changes.opened().isEmpty() || !changes.closed().isEmpty()) {
            Log.infof("Host %s: %d listeners, %d opened, %d closed", identity.host().id(), scanned.size(),
                    changes.opened().size(), changes.closed().size());
        }
    }

    /** The listeners of the last scan. */
    public List<Listener> current() {
        return inventory.current();
    }

    private void publish(ListenerEventType type, Listener listener) {
        publisher.publish(type, identity.hostModeProbe(), identity.host(), List.of(listener));
    }
}
