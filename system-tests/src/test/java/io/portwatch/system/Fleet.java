package io.portwatch.system;

import io.portwatch.testing.TestNetns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Simulated hosts for the fault tests: one network namespace each ({@code ip netns add}), with one python3
 * process in it that opens and closes listeners on 0.0.0.0 when told to. probe-service, reading every
 * namespace of the machine, reports each as a host of its own. The fleet remembers which listeners are
 * open, so the tests know which findings must exist. Nothing is sent on any network.
 */
final class Fleet implements AutoCloseable {

    /** The listeners each host may have: the legacy ones raise legacy-service-exposed findings. */
    static final List<String> SLOTS = List.of("tcp/311", "tcp/3031", "tcp/548", "tcp/427", "udp/311", "udp/3031", "udp/427",
            "tcp/3283", "udp/3283", "tcp/5900");
    static final Set<String> LEGACY = Set.of("tcp/311", "tcp/3031", "tcp/548", "tcp/427", "udp/311", "udp/3031", "udp/427");
    private static final long COMMAND_SECONDS = 20;

    private record Host(String namespace, Process process, PrintWriter commands, BufferedReader answers, Set<String> open) {
    }

    private final String node;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Set<String> everOpen = new HashSet<>();
    private final Random random;
    private long changes;

    private Fleet(String node, long seed) {
        this.node = node;
        this.random = new Random(seed);
    }

    /** Starts {@code size} hosts named {@code <prefix>-<n>}, each with every slot open. */
    static Fleet start(String node, String prefix, int size, long seed) {
        Fleet fleet = new Fleet(node, seed);
        try {
            for (int n = 0; n < size; n++) {
                fleet.add(prefix + "-" + n);
            }
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    /** The host id probe-service gives the namespace's host. */
    String hostId(String namespace) {
        return node + "/netns/" + namespace;
    }

    /** Opens or closes one random listener of one random host; returns the change made. */
    synchronized String toggleOne() {
        List<Host> all = new ArrayList<>(hosts.values());
        Host host = all.get(random.nextInt(all.size()));
        String slot = SLOTS.get(random.nextInt(SLOTS.size()));
        boolean open = !host.open().contains(slot);
        command(host, (open ? "open " : "close ") + slot.replace('/', ' '));
        if (open) {
            host.open().add(slot);
            everOpen.add(hostId(host.namespace()) + " " + slot);
        } else {
            host.open().remove(slot);
        }
        changes++;
        return host.namespace() + (open ? " opened " : " closed ") + slot;
    }

    /** Listener changes made so far, the initial openings included. */
    synchronized long changes() {
        return changes;
    }

    /** Host id and slot of every legacy listener open now. */
    synchronized Set<String> openLegacy() {
        Set<String> open = new HashSet<>();
        hosts.values().forEach(host -> host.open().stream().filter(LEGACY::contains)
                .forEach(slot -> open.add(hostId(host.namespace()) + " " + slot)));
        return open;
    }

    /** Host id and slot of every legacy listener that was open at some point. */
    synchronized Set<String> everOpenLegacy() {
        Set<String> legacy = new HashSet<>();
        everOpen.stream().filter(pair -> LEGACY.contains(pair.substring(pair.indexOf(' ') + 1))).forEach(legacy::add);
        return legacy;
    }

    /** All the fleet's host ids. */
    synchronized Set<String> hostIds() {
        Set<String> ids = new HashSet<>();
        hosts.keySet().forEach(namespace -> ids.add(hostId(namespace)));
        return ids;
    }

    /**
     * How the fleet's legacy-service-exposed findings compare with its listeners.
     *
     * @param expected findings that must exist: every legacy listener that was ever open
     * @param right    of those, in the right state (OPEN while open, RESOLVED once closed)
     * @param wrong    missing, in the wrong state, or without a listener ever
     */
    record Judgement(long expected, long right, long wrong) {
    }

    /** Judges alert-service's findings against the listeners this fleet opened and closed. */
    synchronized Judgement judge(List<AlertApi.Finding> findings) {
        Set<String> ids = hostIds();
        Map<String, String> byPair = new HashMap<>();
        findings.stream()
                .filter(finding -> finding.rule().equals("legacy-service-exposed") && ids.contains(finding.hostId()))
                .forEach(finding -> byPair.merge(finding.hostId() + " " + finding.transport() + "/" + finding.port(), finding.state(),
                        (a, b) -> "DUPLICATE"));
        Set<String> open = openLegacy();
        Set<String> ever = everOpenLegacy();
        long right = ever.stream().filter(pair -> (open.contains(pair) ? "OPEN" : "RESOLVED").equals(byPair.get(pair))).count();
        long strays = byPair.keySet().stream().filter(pair -> !ever.contains(pair)).count();
        return new Judgement(ever.size(), right, ever.size() - right + strays);
    }

    @Override
    public synchronized void close() {
        hosts.values().forEach(host -> {
            host.commands().close();
            host.process().destroy();
            try {
                host.process().waitFor(COMMAND_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestNetns.delete(host.namespace());
        });
        hosts.clear();
    }

    private void add(String namespace) {
        TestNetns.add(namespace);
        Process process = TestNetns.startPython(namespace, Path.of("src/test/resources/fault/churner.py"), List.of());
        Host host = new Host(namespace, process, new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8),
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), new HashSet<>());
        hosts.put(namespace, host);
        for (String slot : SLOTS) {
            command(host, "open " + slot.replace('/', ' '));
            host.open().add(slot);
            everOpen.add(hostId(namespace) + " " + slot);
            changes++;
        }
    }

    private static void command(Host host, String command) {
        host.commands().println(command);
        try {
            String answer = host.answers().readLine();
            if (!"ok".equals(answer)) {
                throw new IllegalStateException(host.namespace() + " did not do '" + command + "': " + answer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
