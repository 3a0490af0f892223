package io.portwatch.probe.host;

import io.portwatch.testing.Commands;
import io.portwatch.testing.TestNetns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network namespace the test creates with {@code ip netns add}, with loopback up and python3 processes
 * in it holding listening sockets (one from {@link #create}, more from {@link #startPython}). Nothing is sent
 * anywhere but within the namespace or over a Unix socket: the probe only reads /proc.
 */
final class TestNamespace implements AutoCloseable {

    private static final long STOP_SECONDS = 20;
    private static final Pattern SS_INODE = Pattern.compile("\\bino:(\\d+)");
    private static final Pattern SS_PID = Pattern.compile("\\bpid=(\\d+)");

    private static final Path SCRIPTS = Path.of("src/test/resources/namespaces");

    private final String name;
    private final List<ReadyProcess> started = new ArrayList<>();
    private Process listeners;
    private boolean deleted;

    private TestNamespace(String name) {
        this.name = name;
    }

    /** Creates a namespace named {@code pw-<prefix>-<random>} and starts its listeners (transport,family,address,port). */
    static TestNamespace create(String prefix, String... listenerSpecs) throws IOException, InterruptedException {
        TestNamespace namespace = new TestNamespace("pw-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 6));
        TestNetns.add(namespace.name);
        try {
            namespace.startListeners(listenerSpecs);
        } catch (IOException | RuntimeException e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    /** Creates a namespace named {@code pw-<prefix>-<random>} with no process in it. */
    static TestNamespace empty(String prefix) {
        TestNamespace namespace = new TestNamespace("pw-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 6));
        TestNetns.add(namespace.name);
        return namespace;
    }

    /** Starts {@code python3 src/test/resources/namespaces/SCRIPT ARGS} in the namespace; it ends with the namespace at the latest. */
    ReadyProcess startPython(String script, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name, "/usr/bin/python3", SCRIPTS.resolve(script).toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        ReadyProcess process = ReadyProcess.start(command);
        started.add(process);
        return process;
    }

    /** The pid holding each listening TCP socket, by socket inode, as {@code ss -H -tlnpe} run in the namespace reports them. */
    Map<Long, Long> tcpListenerOwnersBySs() {
        Map<Long, Long> owners = new HashMap<>();
        for (String line : Commands.require("nsenter", "--net=/run/netns/" + name, "ss", "-H", "-tlnpe")) {
            Matcher inode = SS_INODE.matcher(line);
            Matcher pid = SS_PID.matcher(line);
            if (inode.find() && pid.find()) {
                owners.put(Long.parseLong(inode.group(1)), Long.parseLong(pid.group(1)));
            }
        }
        return owners;
    }

    String name() {
        return name;
    }

    /** The namespace's inode, as /proc/<pid>/ns/net links show it. */
    long inode() throws IOException {
        return ((Number) Files.getAttribute(Path.of("/run/netns", name), "unix:ino")).longValue();
    }

    /** The pid of the process holding the listeners. */
    long listenerPid() {
        return listeners.pid();
    }

    /** The listening sockets that {@code ss -H -tuln} run in the namespace reports, as "transport/address:port". */
    Set<String> listenersBySs() throws IOException, InterruptedException {
        return SsListeners.endpoints(Commands.require("nsenter", "--net=/run/netns/" + name, "ss", "-H", "-tuln"));
    }

    /** Ends the listeners' process: its sockets close and the namespace has no process left. */
    void stopListeners() throws InterruptedException {
        if (listeners != null && listeners.isAlive()) {
            listeners.destroy();
            listeners.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stopListeners();
        started.forEach(ReadyProcess::close);
        if (!deleted) {
            deleted = true;
            TestNetns.delete(name);
        }
    }

    private void startListeners(String... specs) throws IOException {
        listeners = TestNetns.startPython(name, SCRIPTS.resolve("listeners.py"), List.of(specs));
        BufferedReader out = new BufferedReader(new InputStreamReader(listeners.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            throw new IOException("the listeners in " + name + " did not start: " + line);
        }
    }
}
