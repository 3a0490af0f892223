package io.portwatch.probe.host;

import com.sun.security.auth.module.UnixSystem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.NetworkNamespace;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProcessInfo;
import io.portwatch.probe.config.ProbeConfig;
import io.portwatch.probe.config.ProbeIdentity;
import io.quarkus.logging.Log;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Host mode's lsof backend (macOS; Linux by configuration): one {@code lsof -nP -w +c0 -iTCP -iUDP -F0pcuLftPnTd} run per
 * scan, read by {@link LsofFields} while it runs (TCP in LISTEN, UDP not connected), then one cheap call for the owners' executable
 * paths ({@link ExecutablePaths}). lsof reports the sockets of the node's own network stack only (on Linux, sockets of
 * other namespaces show no address and are left out), so every listener is the node's: macOS has no network namespaces
 * or containers. One socket held by several processes (same {@code d}) is one listener, owned by the lowest pid and
 * shared with the others, as in the proc backend. lsof run by any user but root lists that user's processes only: the
 * scan then says it is incomplete.
 */
@ApplicationScoped
@Unremovable // looked up through Instance by HostBackends, which Quarkus does not count as a use
@Typed(LsofScanner.class)
public class LsofScanner implements HostInventoryBackend {

    /** The options after the command: numeric hosts and ports, no warnings, full command names, inet TCP and UDP, NUL-ended fields. */
    static final List<String> OPTIONS = List.of("-nP", "-w", "+c0", "-iTCP", "-iUDP", "-F0pcuLftPnTd");

    private static final NetworkNamespace NODE = new NetworkNamespace(-1, true, null);
    private static final long ROOT = 0;

    private final List<String> command;
    private final BoundedCommand runner;
    private final ExecutablePaths executables;
    private final HostInfo node;
    private final Optional<List<String>> configuredAddresses;
    private final long uid;
    private final Counter malformedFields;

    @Inject
    public LsofScanner(ProbeConfig config, ProbeIdentity identity, MeterRegistry registry) {
        this(config.hostMode().lsof(), identity.host(), config.host().addresses(), new UnixSystem().getUid(), registry);
    }

    /** A scanner that runs lsof as the given uid (the probe's own, unless a test says otherwise). */
    LsofScanner(ProbeConfig.LsofConfig lsof, HostInfo node, Optional<List<String>> configuredAddresses, long uid, MeterRegistry registry) {
        this.command = new ArrayList<>(List.of(lsof.command()));
        this.command.addAll(OPTIONS);
        this.runner = new BoundedCommand(lsof.timeout(), lsof.maxOutputBytes());
        this.executables = new ExecutablePaths(ExecutablePaths.procRootOfThisSystem(), lsof.psCommand(), runner);
        this.node = node;
        this.configuredAddresses = configuredAddresses;
        this.uid = uid;
        this.malformedFields = Counter.builder("portwatch.probe.lsof.malformed")
                .description("File sets of lsof's output that could not be read and were skipped")
                .register(registry);
    }

    @Override
    public String name() {
        return ProbeInfo.LSOF_BACKEND;
    }

    @Override
    public InventoryScan scan() {
        List<LsofSocket> sockets = run();
        Set<Long> pids = sockets.stream().map(LsofSocket::pid).collect(Collectors.toSet());
        Map<Long, String> paths = executables.of(pids, problem -> Log.warnf("Executable paths of the listeners' processes are unknown this scan: %s",
                ControlCharacters.escape(problem)));
        List<String> addresses = configuredAddresses.orElseGet(this::interfaceAddresses);
        NamespaceScan scan = new NamespaceScan(NamespaceHosts.of(node, NODE, null, addresses), listeners(sockets, paths));
        return new InventoryScan(List.of(scan), uid == ROOT ? null
                : "lsof runs as uid " + uid + ", not root: only that user's processes are visible, so the listener list is incomplete; "
                        + "run the probe as root (the launchd daemon of deploy/macos does)");
    }

    /** Runs lsof and parses its output as it arrives (the parse overlaps lsof's own walk of the processes). */
    private List<LsofSocket> run() {
        LsofFields.Parser parser = new LsofFields.Parser(this::skip);
        BoundedCommand.Exit exit;
        try {
            exit = runner.stream(command, parser::feed);
        } catch (IOException e) {
            throw new HostInventoryUnavailable("lsof cannot be run (" + ControlCharacters.escape(e.getMessage()) + "): install it "
                    + "(Debian: apt-get install lsof; macOS ships /usr/sbin/lsof) or point portwatch.probe.host-mode.lsof.command at it");
        }
        // lsof exits 1 both when it finds nothing (no listener at all) and when it fails; only a failure explains itself.
        if (exit.exitCode() != 0 && !exit.error().isEmpty()) {
            throw new HostInventoryUnavailable("lsof failed (exit " + exit.exitCode() + "): " + exit.error());
        }
        return parser.finish();
    }

    /** A socket: its endpoint and lsof's identity of it; {@code alone} numbers the sockets lsof gave no identity, each its own. */
    private record SocketKey(Transport transport, String address, int port, Long identity, int alone) {
    }

    /** A process set of lsof's output: its sockets share one {@link ProcessInfo}. */
    private record Holder(long pid, String command, Integer uid, String login) {
        Holder(LsofSocket socket) {
            this(socket.pid(), socket.command(), socket.uid(), socket.login());
        }
    }

    /**
     * One listener per socket: the holders of one socket identity grouped, lowest pid first; without an identity, one per
     * holder. A process holding 10,000 sockets is described once, and a socket with one holder (nearly all) takes no sort.
     */
    static List<Listener> listeners(List<LsofSocket> sockets, Map<Long, String> paths) {
        Map<SocketKey, List<LsofSocket>> bySocket = new LinkedHashMap<>(sockets.size() * 4 / 3 + 1);
        int alone = 0;
        for (LsofSocket socket : sockets) {
            SocketKey key = new SocketKey(socket.transport(), socket.address(), socket.port(), socket.device(),
                    socket.device() == null ? ++alone : 0);
            List<LsofSocket> holders = bySocket.get(key);
            if (holders == null) {
                bySocket.put(key, List.of(socket));
            } else {
                List<LsofSocket> more = new ArrayList<>(holders);
                more.add(socket);
                bySocket.put(key, more);
            }
        }
        Processes processes = new Processes(paths);
        List<Listener> listeners = new ArrayList<>(bySocket.size());
        for (List<LsofSocket> holders : bySocket.values()) {
            LsofSocket first = holders.get(0);
            ProcessInfo owner;
            List<ProcessInfo> shared;
            if (holders.size() == 1) {
                owner = processes.of(first);
                shared = List.of();
            } else {
                List<ProcessInfo> all = holders.stream().sorted(Comparator.comparingLong(LsofSocket::pid))
                        .map(processes::of).distinct().toList();
                owner = all.get(0);
                shared = all.stream().skip(1).limit(ContractLimits.SHARED_OWNERS).toList();
            }
            listeners.add(new Listener(first.transport(), first.address(), first.port(), first.ipVersion(),
                    Exposures.ofBoundAddress(first.address()), owner, null, NODE, null, first.device(), shared));
        }
        return listeners;
    }

    /** One {@link ProcessInfo} per process set; a process's sockets come one after the other, so the last one is kept at hand. */
    private static final class Processes {
        private final Map<Long, String> paths;
        private final Map<Holder, ProcessInfo> known = new HashMap<>();
        private LsofSocket lastSocket;
        private ProcessInfo last;

        Processes(Map<Long, String> paths) {
            this.paths = paths;
        }

        ProcessInfo of(LsofSocket socket) {
            // The same process set gives its sockets the very same texts.
            if (lastSocket != null && lastSocket.pid() == socket.pid() && lastSocket.command() == socket.command()
                    && Objects.equals(lastSocket.uid(), socket.uid()) && lastSocket.login() == socket.login()) {
                return last;
            }
            last = known.computeIfAbsent(new Holder(socket), holder -> {
                String user = holder.login() != null ? holder.login() : holder.uid() == null ? null : Integer.toString(holder.uid());
                return new ProcessInfo(holder.pid(), holder.command(), paths.get(holder.pid()), user, holder.uid());
            });
            lastSocket = socket;
            return last;
        }
    }

    private List<String> interfaceAddresses() {
        Path proc = ExecutablePaths.procRootOfThisSystem();
        return proc == null ? InterfaceAddresses.ofThisMachine() : InterfaceAddresses.read(proc.resolve("self"));
    }

    private void skip(String problem) {
        malformedFields.increment();
        Log.warnf("Skipped a file of lsof's output: %s", ControlCharacters.escape(problem));
    }
}
