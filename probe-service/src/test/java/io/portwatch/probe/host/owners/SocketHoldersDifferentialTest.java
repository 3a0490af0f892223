package io.portwatch.probe.host.owners;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The kept state against a full walk, on real processes and real loopback sockets: random churn (listeners opened and
 * closed, ports reused, forks sharing sockets, sockets passed to another process with and without keeping them,
 * descriptors moved, programs exec'ed with their sockets, processes killed), and after every step {@link SocketHolders}
 * with its state must find exactly what a walk of every process finds. Bounded: at most {@value #STEPS} steps, 6 processes
 * alive, 40 sockets each, {@value #MAX_SECONDS} s.
 */
class SocketHoldersDifferentialTest {

    private static final int STEPS = 150;
    private static final int MAX_SECONDS = 30;
    private static final int MAX_CHURNERS = 6;
    private static final int MAX_SOCKETS = 40;
    /** No socket has this inode: wanted all along, held by nobody. */
    private static final long NOBODYS = Long.MAX_VALUE / 3;
    private static final Path PROC = Path.of("/proc");

    @TempDir
    Path unixSockets;

    private final List<Churner> churners = new ArrayList<>();
    private final List<Long> forks = new ArrayList<>();
    /** Unix sockets made to receive on so far: each gets a path of its own. */
    private int receivers;

    @Test
    void keptStateFindsWhatAFullWalkFindsThroughRandomChurn() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Integer> ports = freePorts(8);
        SocketHolders kept = new SocketHolders(PROC, Integer.MAX_VALUE);
        SocketHolders walked = new SocketHolders(PROC, 1);
        Set<Long> wanted = new HashSet<>(Set.of(NOBODYS));
        Map<String, Integer> done = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(MAX_SECONDS).toNanos();
        int sharedSeen = 0;
        for (int step = 0; step < STEPS && System.nanoTime() < deadline; step++) {
            String action = step(random, ports, wanted);
            done.merge(action, 1, Integer::sum);
            Map<Long, List<Long>> incremental = kept.find(wanted);
            Map<Long, List<Long>> full = walked.find(wanted);
            assertThat(incremental).as("step %d (%s), seed %d, actions so far %s", step, action, seed, done).isEqualTo(full);
            sharedSeen += (int) full.values().stream().filter(pids -> pids.size() > 1).count();
        }
        assertThat(done.keySet()).as("seed %d", seed).contains("listen", "close", "fork", "give", "move", "exec", "kill");
        assertThat(sharedSeen).as("sockets held by several processes at once, over all steps").isPositive();
    }

    /** One random change; returns its name. Every socket it makes is added to {@code wanted}, and stays there. */
    private String step(Random random, List<Integer> ports, Set<Long> wanted) throws Exception {
        churners.removeIf(churner -> !churner.alive());
        if (churners.size() < 2 || churners.size() < MAX_CHURNERS && random.nextInt(10) == 0) {
            Churner churner = Churner.start();
            churners.add(churner);
            if (random.nextBoolean()) {
                receiving(churner);
            }
            return "start";
        }
        Churner churner = churners.get(random.nextInt(churners.size()));
        List<Long> held = churner.inodes();
        int roll = random.nextInt(100);
        if (roll < 30 || held.isEmpty()) {
            if (held.size() >= MAX_SOCKETS) {
                churner.run("close " + held.get(0));
                return "close";
            }
            wanted.addAll(churner.run("listen " + ports.get(random.nextInt(ports.size()))).inodes());
            return "listen";
        }
        long inode = held.get(random.nextInt(held.size()));
        if (roll < 50) {
            churner.run("close " + inode);
            return "close";
        }
        if (roll < 60) {
            churner.run("move " + inode);
            return "move";
        }
        if (roll < 72) {
            // Another churner receives, made one if none does (at least two are alive): else an unlucky seed never gives.
            Churner receiver = churners.stream().filter(other -> other != churner && other.receiving() != null).findAny()
                    .orElse(null);
            if (receiver == null) {
                receiver = receiving(churners.stream().filter(other -> other != churner).findAny().orElseThrow());
            }
            churner.run("give " + inode + " " + receiver.receiving() + " " + (random.nextBoolean() ? 1 : 0));
            receiver.run("listen " + ports.get(random.nextInt(ports.size()))); // its answer lists what it received too
            wanted.addAll(receiver.inodes());
            return "give";
        }
        if (roll < 80 && forks.size() < MAX_CHURNERS) {
            forks.add(churner.run("fork").value());
            return "fork";
        }
        if (roll < 86) {
            churner.run("exec");
            churner.receiving(null); // its Unix socket closed on exec
            return "exec";
        }
        if (roll < 93 && !forks.isEmpty()) {
            kill(forks.remove(random.nextInt(forks.size())));
            return "kill";
        }
        churners.remove(churner);
        churner.kill();
        return "kill";
    }

    /** Makes a churner receive sockets on a new Unix socket (an exec closed any earlier one); returns it. */
    private Churner receiving(Churner churner) throws IOException {
        Path path = unixSockets.resolve("r" + churner.pid() + "-" + receivers++);
        churner.run("receive " + path);
        churner.receiving(path);
        return churner;
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Churner churner : churners) {
            churner.close();
        }
        for (long fork : forks) {
            kill(fork);
        }
    }

    /** SIGKILL, then waits until the kernel has closed its descriptors (its parent may be gone, so nobody may reap it). */
    private static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        Path fds = PROC.resolve(Long.toString(pid)).resolve("fd");
        await().atMost(Duration.ofSeconds(20)).until(() -> holdsNothing(fds));
    }

    private static boolean holdsNothing(Path fds) {
        try (Stream<Path> open = Files.list(fds)) {
            return open.findAny().isEmpty();
        } catch (IOException | UncheckedIOException e) {
            return true;
        }
    }

    /** Ports free now, for listeners to take, give up and take again. */
    private static List<Integer> freePorts(int count) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                ports.add(socket.getLocalPort());
            }
        }
        return ports;
    }
}
