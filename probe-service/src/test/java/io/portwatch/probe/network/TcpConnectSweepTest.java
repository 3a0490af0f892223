package io.portwatch.probe.network;

import io.portwatch.events.knowledge.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sweep against listeners the test opens on a loopback address of its own: it reports exactly the ports that
 * listen there, whether each connect's outcome is asked for at once or left to the selector, and a stopped sweep
 * stops within the round it is in.
 */
class TcpConnectSweepTest {

    /** Below the kernel's ephemeral range, so that no connect of the sweep picks a target port as its source port. */
    private static final int FIRST_PORT = 26_000;
    private static final int PORTS = 4_000;
    private static final int OURS = 40;
    private static final int IN_FLIGHT = 64;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SWEEP_LIMIT = Duration.ofMinutes(2);

    @ParameterizedTest(name = "outcome asked for at once: {0}")
    @ValueSource(booleans = {true, false})
    void theOpenPortsAreExactlyThoseListeningOnTheAddress(boolean finishAtOnce) throws IOException {
        Inet4Address address = loopbackAddress();
        List<ServerSocketChannel> listeners = new ArrayList<>();
        try {
            Set<Integer> ours = listen(address, listeners);
            ListeningPorts before = ListeningPorts.on(address);

            List<Integer> found = new TcpConnectSweep(loop -> new PacedSelector(new RateLimiter(1_000_000), IN_FLIGHT, CONNECT_TIMEOUT),
                    2, finishAtOnce).sweep(targets(address), () -> { }, Deadline.after(SWEEP_LIMIT, () -> false))
                    .stream().map(Target::port).toList();

            ListeningPorts after = ListeningPorts.on(address);
            Set<Integer> mustFind = new HashSet<>(before.certain());
            mustFind.retainAll(after.certain()); // another process's listener that came or went meanwhile may be either
            mustFind.addAll(ours);
            Set<Integer> mayFind = new HashSet<>(mustFind);
            List.of(before, after).forEach(ports -> {
                mayFind.addAll(ports.certain());
                mayFind.addAll(ports.possible());
            });
            assertThat(found).as("open ports, in target order").isSorted().doesNotHaveDuplicates()
                    .containsAll(inRange(mustFind)).isSubsetOf(mayFind);
        } finally {
            for (ServerSocketChannel listener : listeners) {
                listener.close();
            }
        }
    }

    @Test
    void aStoppedSweepStopsWithinTheRoundItIsIn() {
        Inet4Address address = loopbackAddress();
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

    /** Listens on {@value #OURS} random ports of the range (those free on the address), into {@code listeners}. */
    private static Set<Integer> listen(InetAddress address, List<ServerSocketChannel> listeners) throws IOException {
        Set<Integer> ours = new TreeSet<>();
        while (ours.size() < OURS) {
            int port = FIRST_PORT + ThreadLocalRandom.current().nextInt(PORTS);
            if (ours.contains(port)) {
                continue;
            }
            ServerSocketChannel listener = ServerSocketChannel.open();
            try {
                listener.bind(new InetSocketAddress(address, port));
                listeners.add(listener);
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

    /** A loopback address of the test's own (127.100-199.x.y), away from the 127.0.x.y of the other tests. */
    private static Inet4Address loopbackAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] address = {127, (byte) random.nextInt(100, 200), (byte) random.nextInt(256), (byte) random.nextInt(1, 255)};
        try {
            return (Inet4Address) InetAddress.getByAddress(address);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
