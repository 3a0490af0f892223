package io.portwatch.probe.host;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.probe.config.ProbeConfig;
import io.portwatch.probe.config.ProbeIdentity;
import io.portwatch.probe.host.owners.SocketHolders;
import io.quarkus.logging.Log;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Reads the listening sockets of the node from its proc filesystem with their owning processes, like
 * {@code ss -tulpn} run in every network namespace: the socket tables of each namespace through one of its
 * processes (or, with none in it, entered through its bind mount), then one walk over the processes'
 * descriptors for all the listeners' inodes, which finds each socket's holders in whatever namespace they
 * live, kept between scans so that a scan walks only the processes that may have changed ({@link SocketHolders}). One
 * listener per socket. The cost grows with the number of namespaces (four small reads each), not
 * with processes × namespaces. The Linux backend of host mode, and its default there.
 */
@ApplicationScoped
@Unremovable // looked up through Instance by HostBackends, which Quarkus does not count as a use
@Typed(HostScanner.class)
public class HostScanner implements HostInventoryBackend {

    private final Path procRoot;
    private final String hostReader;
    private final Path netnsNames;
    private final boolean allNamespaces;
    private final ProbeIdentity identity;
    private final Optional<List<String>> configuredAddresses;
    private final ContainerMetadata containers;
    private final Map<Integer, String> userNames;
    private final Counter malformedLines;
    private final NsenterTables entered;
    private final NamespaceTables tables;
    private final AtomicInteger namespaces;
    private final SocketHolders holders;

    public HostScanner(ProbeConfig config, ProbeIdentity identity, ContainerMetadata containers, MeterRegistry registry) {
        this.procRoot = config.hostMode().procRoot();
        this.hostReader = config.hostMode().netNamespaceOf();
        this.netnsNames = config.hostMode().netnsNames();
        this.allNamespaces = config.hostMode().allNamespaces();
        this.identity = identity;
        this.configuredAddresses = config.host().addresses();
        this.containers = containers;
        this.userNames = UserNames.read(Path.of("/etc/passwd"));
        this.malformedLines = Counter.builder("portwatch.probe.proc.malformed.lines")
                .description("Lines of /proc/net/* that could not be read and were skipped")
                .register(registry);
        this.entered = new NsenterTables(config.hostMode().enterTimeout(), Counter.builder("portwatch.probe.host.namespaces.unreadable")
                .description("Network namespaces with no process in them that a scan could not enter through their bind mount")
                .register(registry));
        this.tables = new NamespaceTables(Counter.builder("portwatch.probe.host.namespaces.vanished")
                .description("Network namespaces that disappeared during a scan (their last process exited) and were skipped")
                .register(registry), this::skip, entered);
        this.namespaces = registry.gauge("portwatch.probe.host.namespaces", new AtomicInteger());
        this.holders = new SocketHolders(procRoot, config.hostMode().ownerFullWalkEvery());
    }

    @Override
    public String name() {
        return ProbeInfo.PROC_BACKEND;
    }

    /** Every network namespace's listeners now, the node's first, with their owning processes where they can be read. */
    @Override
    public InventoryScan scan() {
        List<NetNamespaces.Namespace> found = NetNamespaces.list(procRoot, hostReader, netnsNames, allNamespaces);
        entered.retain(found.stream().map(namespace -> namespace.identity().inode()).collect(Collectors.toSet()));
        List<NamespaceTables.Read> read = found.stream()
                .map(tables::read)
                .flatMap(Optional::stream)
                .toList();
        namespaces.set(read.size());
        Set<Long> inodes = new HashSet<>();
        read.forEach(namespace -> namespace.entries().forEach(entry -> inodes.add(entry.inode())));
        ProcessIndex owners = ProcessIndex.of(procRoot, userNames, holders.find(inodes));
        List<NamespaceScan> scans = read.stream().map(namespace -> listeners(namespace, owners)).toList();
        containers.sweep();
        return InventoryScan.complete(scans);
    }

    private NamespaceScan listeners(NamespaceTables.Read namespace, ProcessIndex owners) {
        var netns = namespace.namespace().identity();
        List<Listener> listeners = namespace.entries().stream().map(entry -> {
            ProcessIndex.Owners holders = owners.owners(entry.inode());
            return new Listener(entry.transport(), entry.address(), entry.port(), entry.ipVersion(),
                    Exposures.ofBoundAddress(entry.address()), holders == null ? null : holders.process(), null, netns,
                    holders == null ? null : containers.describe(holders.container()), entry.inode(),
                    holders == null ? List.of() : holders.sharedWith());
        }).toList();
        var container = netns.host() || namespace.reader() == null ? null : containers.describe(ProcessIndex.containerOf(namespace.reader()));
        return new NamespaceScan(NamespaceHosts.of(identity.host(), netns, container, addresses(namespace)), listeners);
    }

    /**
     * The namespace's interface addresses, read through the process its tables were read through (none for one entered
     * through a mount); the node's own are the configured ones when {@code portwatch.probe.host.addresses} is set.
     */
    private List<String> addresses(NamespaceTables.Read namespace) {
        if (namespace.namespace().identity().host() && configuredAddresses.isPresent()) {
            return configuredAddresses.get();
        }
        return namespace.reader() == null ? List.of() : InterfaceAddresses.read(namespace.reader());
    }

    private void skip(Path file, String problem) {
        malformedLines.increment();
        Log.warnf("Skipped a line of %s: %s", ControlCharacters.escape(file.toString()), ControlCharacters.escape(problem));
    }
}
