package io.portwatch.alert;

import io.portwatch.alert.findings.Judgement;
import io.portwatch.alert.rules.Verdict;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.PortRange;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostIds;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.NetworkNamespace;
import io.portwatch.events.listener.PortSet;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.events.listener.ProcessInfo;
import io.portwatch.events.listener.SnapshotScope;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Small factories for the alert-service tests' events and knowledge. */
public final class Fixtures {

    private Fixtures() {
    }

    public static PortKnowledge knowledge(PortKey key, ServiceStatus status, Risk risk) {
        return knowledge(key, status, risk, List.of(), null, false);
    }

    public static HostInfo host(String id) {
        return new HostInfo(id, id + ".test", List.of());
    }

    /** A legacy-service-exposed judgement of AFP (548/tcp) on all interfaces, at a severity, on LEGACY/HIGH knowledge. */
    public static Judgement exposedAfp(Severity severity) {
        PortKey afp = new PortKey(Transport.TCP, 548);
        return new Judgement(new Verdict("legacy-service-exposed", severity, "AFP exposed", "AppleShare on all interfaces"),
                listener(afp, "0.0.0.0", Exposure.ALL_INTERFACES), knowledge(afp, ServiceStatus.LEGACY, Risk.HIGH));
    }

    public static Listener listener(PortKey key, String address, Exposure exposure) {
        return new Listener(key.transport(), address, key.port(), address.contains(":") ? 6 : 4, exposure, null, null);
    }

    /** The listener owned by a process named {@code processName} running {@code /usr/libexec/<processName>}. */
    public static Listener owned(Listener listener, String processName) {
        return ownedBy(listener, processName, "/usr/libexec/" + processName);
    }

    /** The listener owned by a process that calls itself {@code processName} and runs {@code exe}. */
    public static Listener ownedBy(Listener listener, String processName, String exe) {
        return withOwners(listener, new ProcessInfo(4242, processName, exe, "root", 0), List.of());
    }

    /** The listener with its owner and the other processes that hold the same socket. */
    public static Listener withOwners(Listener listener, ProcessInfo process, List<ProcessInfo> sharedWith) {
        return new Listener(listener.transport(), listener.address(), listener.port(), listener.ipVersion(), listener.exposure(),
                process, listener.evidence(), listener.netns(), listener.container(), listener.inode(), sharedWith);
    }

    /** The same listener as another socket (SO_REUSEPORT): same address and port, another inode. */
    public static Listener socket(Listener listener, long inode) {
        return new Listener(listener.transport(), listener.address(), listener.port(), listener.ipVersion(), listener.exposure(),
                listener.process(), listener.evidence(), listener.netns(), listener.container(), inode, listener.sharedWith());
    }

    /** The listener as a host-mode probe sees it inside a Docker container's network namespace. */
    public static Listener inContainer(Listener listener, String containerId) {
        return new Listener(listener.transport(), listener.address(), listener.port(), listener.ipVersion(), listener.exposure(),
                listener.process(), listener.evidence(), new NetworkNamespace(4026532301L, false, null),
                new ContainerInfo(containerId, "docker", null, null), listener.inode(), listener.sharedWith());
    }

    public static Listener withEvidence(Listener listener, Evidence evidence) {
        return new Listener(listener.transport(), listener.address(), listener.port(), listener.ipVersion(), listener.exposure(),
                listener.process(), evidence, listener.netns(), listener.container(), listener.inode(), listener.sharedWith());
    }

    public static PortKnowledge knowledge(PortKey key, ServiceStatus status, Risk risk, List<String> expectedProcesses,
            Double amplificationFactor, boolean plaintextCredentials) {
        return new PortKnowledge(key.port(), key.transport(), "svc-" + key.port(), List.of(), "Test service on " + key,
                PortRange.of(key.port()), status, risk, List.of("a threat"), expectedProcesses,
                expectedProcesses.stream().map(name -> "/usr/libexec/" + name).toList(), List.of(), amplificationFactor,
                plaintextCredentials, "Turn it off", List.of("https://example.org/" + key.port()), 1,
                Instant.parse("2026-11-24T00:00:00Z"));
    }

    public static ListenerEvent event(ListenerEventType type, String hostId, Listener... listeners) {
        return eventAt(Instant.now(), type, hostId, listeners);
    }

    /** A host's OPENED of one listener on all its interfaces ({@code 0.0.0.0}), observed now. */
    public static ListenerEvent openedOnAllInterfaces(String hostId, PortKey key) {
        return event(ListenerEventType.OPENED, hostId, listener(key, "0.0.0.0", Exposure.ALL_INTERFACES));
    }

    /** The TCP ports a network probe scanned, as a SNAPSHOT's scope ({@code "22,80,1000-2000"}). */
    public static SnapshotScope tcpScope(String ports) {
        return new SnapshotScope(List.of(new PortSet(Transport.TCP, ports)));
    }

    /** A network probe's SNAPSHOT of one address reached from a zone (host {@code <address>@<zone>}), for a scope. */
    public static ListenerEvent scan(Instant observedAt, String zone, String address, SnapshotScope scope, Listener... listeners) {
        String hostId = HostIds.network(zone, address);
        return new ListenerEvent(UUID.randomUUID().toString(), ListenerEventType.SNAPSHOT, observedAt,
                new ProbeInfo("probe-net-" + zone, zone, ProbeMode.NETWORK), new HostInfo(hostId, address, List.of(address)),
                List.of(listeners), scope);
    }

    /** A host-mode probe's SNAPSHOT of its node, with the node's addresses, from a zone. */
    public static ListenerEvent nodeSnapshot(String node, String zone, List<String> addresses, Listener... listeners) {
        return new ListenerEvent(UUID.randomUUID().toString(), ListenerEventType.SNAPSHOT, Instant.now(),
                new ProbeInfo("probe-" + node, zone, ProbeMode.HOST), new HostInfo(node, node + ".test", addresses),
                List.of(listeners));
    }

    public static ListenerEvent eventAt(Instant observedAt, ListenerEventType type, String hostId, Listener... listeners) {
        return new ListenerEvent(UUID.randomUUID().toString(), type, observedAt,
                new ProbeInfo("probe-test", "test", ProbeMode.HOST), host(hostId), List.of(listeners));
    }
}
