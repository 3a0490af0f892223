package io.portwatch.probe.network;

import io.portwatch.events.knowledge.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The sweep against listeners the test opens on a loopback address of its own: it reports exactly the ports that
 * listen there, whether each connect is decided in its call, asked for its outcome at once or left to the selector;
 * a port whose SYN is dropped costs the loop one timeout, and the loop's other loopback targets go to the selector;
 * the rate limiter paces every path; a stopped sweep stops within the round (or the connect) it is in.
 */
class TcpConnectSweepTest {

    /** How a sweep decides its loopback targets. */
    enum Path {
        IN_THE_CALL, SELECTOR_ASKED_AT_ONCE, SELECTOR
    }

    /** Below the kernel's ephemeral range, so that no connect of the sweep picks a target port as its source port. */
    private static final int FIRST_PORT = 26_000;
    private static final int PORTS = 4_000;
    private static final int OURS = 40;
    private static final int IN_FLIGHT = 64;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SWEEP_LIMIT = Duration.ofMinutes(2);
    private static final Duration SHORT_CONNECT_TIMEOUT = Duration.ofMillis(250);
    private static final int JAMMED = 16;

    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    private final List<NetworkChannel> sockets = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        watchdog.shutdownNow();
        for (NetworkChannel socket : sockets) {
            socket.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Path.class)
    void theOpenPortsAreExactlyThoseListeningOnTheAddress(Path path) throws IOException {
        Inet4Address address = LoopbackConnectTest.loopbackAddress();
        Set<Integer> ours = listen(address);
        ListeningPorts before = ListeningPorts.on(address);

        List<Integer> found = sweep(path, 2, new RateLimiter(1_000_000), CONNECT_TIMEOUT)
                .sweep(targets(address), () -> { }, Deadline.after(SWEEP_LIMIT, () -> false))
                .stream().map(Target::port).toList();

        assertFoundExactly(found, ours, Set.of(), before, ListeningPorts.on(address));
    }

    @Test
    void aLoopbackPortWhoseSynIsDroppedCostsTheLoopOneTimeout() throws IOException {
        Inet4Address address = LoopbackConnectTest.loopbackAddress();
        Set<Integer> ours = listen(address);
        Set<Integer> jammed = jam(address);
        ListeningPorts before = ListeningPorts.on(address);
        AtomicInteger probed = new AtomicInteger();

        long started = System.nanoTime();
        List<Integer> found = assertTimeoutPreemptively(SWEEP_LIMIT, () -> sweep(Path.IN_THE_CALL, 1, new RateLimiter(1_000_000),
                SHORT_CONNECT_TIMEOUT).sweep(targets(address), probed::incrementAndGet, Deadline.after(SWEEP_LIMIT, () -> false)))
                .stream().map(Target::port).toList();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(found).as("jammed ports count as filtered").doesNotContainAnyElementsOf(jammed);
        assertFoundExactly(found, ours, jammed, before, ListeningPorts.on(address));
        assertThat(probed.get()).as("every target probed once").isEqualTo(PORTS);
        assertThat(took).as("%d jammed ports one after the other would take %d timeouts: the first sends the rest to the selector",
                JAMMED, JAMMED).isLessThan(SHORT_CONNECT_TIMEOUT.multipliedBy(JAMMED));
    }

    @Test
    void noLoopbackConnectIsMadeWithoutAPermit() {
        Inet4Address address = LoopbackConnectTest.loopbackAddress();
        RateLimiter stoppedClock = new RateLimiter(1_000, () -> 0L); // one permit due now, the next never
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger probed = new AtomicInteger();

        assertThatThrownBy(() -> sweep(Path.IN_THE_CALL, 1, stoppedClock, CONNECT_TIMEOUT)
                .sweep(targets(address), probed::incrementAndGet, Deadline.after(SWEEP_LIMIT, () -> checks.incrementAndGet() > 20)))
                .isInstanceOf(ScanStoppedException.class);
        assertThat(probed.get()).as("connects made in 20 checks of the deadline with one permit").isEqualTo(1);
    }

    @Test
    void aStoppedLoopbackSweepStopsWithinTheConnectItIsIn() {
        Inet4Address address = LoopbackConnectTest.loopbackAddress();
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger probed = new AtomicInteger();

        assertThatThrownBy(() -> sweep(Path.IN_THE_CALL, 1, new RateLimiter(1_000_000), CONNECT_TIMEOUT)
                .sweep(targets(address), probed::incrementAndGet, Deadline.after(SWEEP_LIMIT, () -> checks.incrementAndGet() > 3)))
                .isInstanceOf(ScanStoppedException.class);
        assertThat(probed.get()).as("connects made before the stop: one for each check of the deadline that let it go").isEqualTo(3);
    }

    @Test
    void aStoppedSweepStopsWithinTheRoundItIsIn() {
        Inet4Address address = LoopbackConnectTest.loopbackAddress();
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger probed = new AtomicInteger();
        Deadline stoppedAfterTheFirstRound = Deadline.after(SWEEP_LIMIT, () -> checks.incrementAndGet() > 1);
        int perRound = 8;

        assertThatThrownBy(() -> new TcpConnectSweep(loop -> new PacedSelector(new RateLimiter(1_000_000), perRound, CONNECT_TIMEOUT), 1, true)
                .sweep(targets(address), probed::incrementAndGet, stoppedAfterTheFirstRound))
                .isInstanceOf(ScanStoppedException.class);
        assertThat(probed.get()).as("targets probed before the stop: one round's, at most the in-flight limit")
                .isLessThanOrEqualTo(perRound);
    }

    private TcpConnectSweep sweep(Path path, int loops, RateLimiter limiter, Duration connectTimeout) {
        IntFunction<PacedSelector> selectors = loop -> new PacedSelector(limiter, IN_FLIGHT, connectTimeout);
        return switch (path) {
            case IN_THE_CALL -> new TcpConnectSweep(selectors, loops, true, limiter, connectTimeout, watchdog);
            case SELECTOR_ASKED_AT_ONCE -> new TcpConnectSweep(selectors, loops, true);
            case SELECTOR -> new TcpConnectSweep(selectors, loops, false);
        };
    }

    /** The sweep found {@code ours} and every other listener of the range but the {@code jammed} ones. */
    private static void assertFoundExactly(List<Integer> found, Set<Integer> ours, Set<Integer> jammed, ListeningPorts before,
                                           ListeningPorts after) {
        Set<Integer> mustFind = new HashSet<>(before.certain());
        mustFind.retainAll(after.certain()); // another process's listener that came or went meanwhile may be either
        mustFind.removeAll(jammed);
        mustFind.addAll(ours);
        Set<Integer> mayFind = new HashSet<>(mustFind);
        List.of(before, after).forEach(ports -> {
            mayFind.addAll(ports.certain());
            mayFind.addAll(ports.possible());
        });
        assertThat(found).as("open ports, in target order").isSorted().doesNotHaveDuplicates()
                .containsAll(inRange(mustFind)).isSubsetOf(mayFind);
    }

    /**
     * {@value #JAMMED} listeners at the start of the range whose accept queue is full, so that the kernel drops a new
     * SYN: each takes connections nobody accepts until one does not complete within 100 ms. Returns their ports.
     */
    private Set<Integer> jam(InetAddress address) throws IOException {
        Set<Integer> jammed = new TreeSet<>();
        for (int port = FIRST_PORT; jammed.size() < JAMMED && port < FIRST_PORT + PORTS / 4; port++) {
            ServerSocketChannel listener = ServerSocketChannel.open();
            sockets.add(listener);
            try {
                listener.bind(new InetSocketAddress(address, port), 1);
            } catch (IOException taken) {
                continue; // ours already, or another process listens on it at every address
            }
            fill(listener);
            jammed.add(port);
        }
        assertThat(jammed).as("jammed listeners").hasSize(JAMMED);
        return jammed;
    }

    private void fill(ServerSocketChannel listener) throws IOException {
        for (int queued = 0; queued < 16; queued++) {
            SocketChannel client = SocketChannel.open();
            sockets.add(client);
            try {
                client.socket().connect(listener.getLocalAddress(), 100);
            } catch (SocketTimeoutException full) {
                return;
            }
        }
        throw new IllegalStateException("the accept queue of a listener with a backlog of 1 took 16 connections");
    }

    /** Listens on {@value #OURS} random ports of the range's last three quarters (those free on the address). */
    private Set<Integer> listen(InetAddress address) throws IOException {
        Set<Integer> ours = new TreeSet<>();
        while (ours.size() < OURS) {
            int port = FIRST_PORT + ThreadLocalRandom.current().nextInt(PORTS / 4, PORTS);
            if (ours.contains(port)) {
                continue;
            }
            ServerSocketChannel listener = ServerSocketChannel.open();
            try {
                listener.bind(new InetSocketAddress(address, port));
                sockets.add(listener);
                ours.add(port);
            } catch (IOException taken) {
                listener.close(); // another process listens on it at every address: left to the truth from /proc
            }
        }
        return ours;
    }

    private static List<Target> targets(InetAddress address) {
        return IntStream.range(FIRST_PORT, FIRST_PORT + PORTS).mapToObj(port -> new Target(address, Transport.TCP, port)).toList();
    }

    private static Set<Integer> inRange(Set<Integer> ports) {
        return ports.stream().filter(port -> port >= FIRST_PORT && port < FIRST_PORT + PORTS).collect(Collectors.toSet());
    }
}
