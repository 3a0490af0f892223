package io.portwatch.probe.network;

import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.probe.config.ProbeIdentity;
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
 * transports and ports the scan covered. Each scanned address is a host of its own, keyed by address.
 */
@ApplicationScoped
public class NetworkInventory {

    private final Map<String, ListenerInventory> byAddress = new ConcurrentHashMap<>();
    private final ListenerEventPublisher publisher;
    private final ProbeIdentity identity;

    public NetworkInventory(ListenerEventPublisher publisher, ProbeIdentity identity) {
        this.publisher = publisher;
        this.identity = identity;
    }

    /** Applies a scan's results and publishes what changed. */
    public void apply(ScanPlan plan, List<ScanResult> results) {
        for (ScanResult result : results) {
            ListenerInventory inventory = byAddress.computeIfAbsent(result.address(), address -> new ListenerInventory());
            List<Listener> next = new ArrayList<>(result.listeners());
            inventory.current().stream().filter(listener -> !covered(plan, listener)).forEach(next::add);
            ListenerInventory.Changes changes = inventory.update(next);
            HostInfo host = new HostInfo(result.address(), result.address(), List.of(result.address()));
            changes.closed().forEach(listener -> publisher.publish(ListenerEventType.CLOSED, identity.networkModeProbe(), host, List.of(listener)));
            changes.opened().forEach(listener -> publisher.publish(ListenerEventType.OPENED, identity.networkModeProbe(), host, List.of(listener)));
        }
    }

    /** What scans have seen on an address so far. */
    public List<Listener> seenOn(String address) {
        ListenerInventory inventory = byAddress.get(address);
        return inventory == null ? List.of() : inventory.current();
    }

    private static boolean covered(ScanPlan plan, Listener listener) {
        return plan.transports().contains(listener.transport()) && Arrays.binarySearch(plan.ports(), listener.port()) >= 0;
    }
}
