package io.portwatch.probe.network;

import io.portwatch.events.listener.HostIds;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.events.listener.SnapshotScope;
import io.portwatch.probe.fleet.FleetIdentity;
import io.portwatch.probe.host.ListenerInventory;
import io.portwatch.probe.publish.ListenerEventPublisher;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What network scans have seen on each address, and the events that tell it: a listener a scan finds
 * is OPENED (again, when its evidence changed), one a scan no longer finds is CLOSED, but only for the
 * transports and ports the scan covered. Each scanned address is a host of its own, {@code <address>@<zone>}
 * ({@link HostIds#network}), so two zones scanning one address keep apart. After the deltas, every scanned
 * address gets a SNAPSHOT scoped to exactly the ports and transports scanned ({@link ScanScopes}), so an
 * OPENED or CLOSED lost in transit heals at the next scan and lastSeen advances. Kept in memory only: after a
 * restart the first scan's scoped SNAPSHOTs are the whole truth for what they cover.
 */
@ApplicationScoped
public class NetworkInventory {

    private final Map<String, ListenerInventory> byHost = new ConcurrentHashMap<>();
    private final ListenerEventPublisher publisher;
    private final FleetIdentity fleet;

    public NetworkInventory(ListenerEventPublisher publisher, FleetIdentity fleet) {
        this.publisher = publisher;
        this.fleet = fleet;
    }

    /** Applies a scan's results and publishes what changed, then a scoped SNAPSHOT of each scanned address. */
    public void apply(ScanPlan plan, List<ScanResult> results) {
        ProbeInfo probe = fleet.probe(ProbeMode.NETWORK);
        List<SnapshotScope> scopes = ScanScopes.of(plan);
        for (ScanResult result : results) {
            HostInfo host = new HostInfo(HostIds.network(probe.zone(), result.address()), result.address(), List.of(result.address()));
            ListenerInventory inventory = byHost.computeIfAbsent(host.id(), id -> new ListenerInventory());
            List<Listener> next = new ArrayList<>(result.listeners());
            inventory.current().stream().filter(listener -> !covered(plan, listener)).forEach(next::add);
            ListenerInventory.Changes changes = inventory.update(next);
            changes.closed().forEach(listener -> publisher.publish(ListenerEventType.CLOSED, probe, host, List.of(listener)));
            changes.opened().forEach(listener -> publisher.publish(ListenerEventType.OPENED, probe, host, List.of(listener)));
            for (SnapshotScope scope : scopes) {
                List<Listener> found = result.listeners().stream().filter(listener -> scope.covers(listener.transport(), listener.port())).toList();
                publisher.publishScoped(probe, host, found, scope);
            }
        }
    }

    private static boolean covered(ScanPlan plan, Listener listener) {
        return plan.transports().contains(listener.transport()) && Arrays.binarySearch(plan.ports(), listener.port()) >= 0;
    }
}
