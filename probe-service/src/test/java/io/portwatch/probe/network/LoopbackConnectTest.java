package io.portwatch.probe.network;

import io.portwatch.events.knowledge.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A blocking connect decides a loopback port in its call: open, closed, or, when the SYN is dropped, cut at the
 * connect timeout (by the watchdog on the JDK's path, by the socket's own timeout on libc's). An address off loopback
 * never gets a blocking socket. Each case runs on both paths.
 */
class LoopbackConnectTest {

    /** The two ways a loopback connect is made. */
    enum Path {
        JDK, LIBC;

        LoopbackConnect connects(Duration timeout) {
            return new LoopbackConnect(timeout, this == LIBC ? LinuxSockets.chosen().orElseThrow() : null);
        }
    }

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    /** The longest a cut connect may take: the timeout, a watchdog tick or two, and a loaded machine's delays. */
    private static final Duration CUT_WITHIN = Duration.ofSeconds(5);

    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> sockets = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        watchdog.shutdownNow();
        for (AutoCloseable socket : sockets) {
            socket.close();
        }
    }

    @Test
    void libcIsChosenOnLinux() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && Set.of("amd64", "aarch64").contains(System.getProperty("os.arch")),
                "libc's path is for Linux x86-64 and aarch64");

        assertThat(LinuxSockets.chosen()).as("JNA bound libc").isPresent();
        assertThat(new LoopbackConnect(TIMEOUT).cutsItself()).as("the sweep's connects go through libc").isTrue();
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void aListeningPortIsOpenAndItsConnectionIsReset(Path path) throws IOException {
        Inet4Address address = loopbackAddress();
        ServerSocketChannel listener = listen(address, 50);

        assertThat(path.connects(TIMEOUT).connect(target(address, listener))).isEqualTo(LoopbackConnect.Outcome.OPEN);

        try (SocketChannel accepted = listener.accept()) {
            assertThatThrownBy(() -> accepted.read(ByteBuffer.allocate(1))).as("the probe's connection was reset, not closed in order")
                    .isInstanceOf(IOException.class).hasMessageContaining("reset");
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void aPortNothingListensOnIsClosed(Path path) throws IOException {
        Inet4Address address = loopbackAddress();
        int port = freePort(address);

        assertThat(path.connects(TIMEOUT).connect(new Target(address, Transport.TCP, port))).isEqualTo(LoopbackConnect.Outcome.CLOSED);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void ipv6LoopbackIsOpenOrClosedToo(Path path) throws IOException {
        InetAddress address = InetAddress.getByName("::1");
        ServerSocketChannel listener;
        try {
            listener = listen(address, 50);
        } catch (IOException noIpv6) {
            assumeTrue(false, "no ::1 here: " + noIpv6);
            return;
        }
        LoopbackConnect connects = path.connects(TIMEOUT);

        assertThat(connects.connect(target(address, listener))).isEqualTo(LoopbackConnect.Outcome.OPEN);
        assertThat(connects.connect(new Target(address, Transport.TCP, freePort(address)))).isEqualTo(LoopbackConnect.Outcome.CLOSED);
    }

    @Test
    void manyConnectsOnLibcsPathLeaveNoSocketOpen() throws IOException {
        Inet4Address address = loopbackAddress();
        ServerSocketChannel listener = listen(address, 512);
        int closed = freePort(address);
        LoopbackConnect connects = Path.LIBC.connects(TIMEOUT);
        long before = openDescriptors();

        for (int i = 0; i < 200; i++) {
            assertThat(connects.connect(new Target(address, Transport.TCP, closed))).isEqualTo(LoopbackConnect.Outcome.CLOSED);
            assertThat(connects.connect(target(address, listener))).isEqualTo(LoopbackConnect.Outcome.OPEN);
            listener.accept().close();
        }

        assertThat(openDescriptors()).as("descriptors of this process, give or take other threads' own").isLessThan(before + 20);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void aConnectWhoseSynIsDroppedIsCutAtTheTimeout(Path path) throws IOException {
        Inet4Address address = loopbackAddress();
        ServerSocketChannel jammed = jammed(address);
        LoopbackConnect connects = path.connects(TIMEOUT);
        assertThat(connects.cutsItself()).isEqualTo(path == Path.LIBC);
        if (!connects.cutsItself()) {
            watchdog.scheduleAtFixedRate(() -> connects.cutIfOverdue(System.nanoTime()), 50, 50, TimeUnit.MILLISECONDS);
        }

        long started = System.nanoTime();
        LoopbackConnect.Outcome outcome = assertTimeoutPreemptively(CUT_WITHIN, () -> connects.connect(target(address, jammed)));

        assertThat(outcome).isEqualTo(LoopbackConnect.Outcome.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("cut no earlier than the timeout").isGreaterThanOrEqualTo(TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void aConnectUnderTheTimeoutIsNotCut(Path path) throws IOException {
        Inet4Address address = loopbackAddress();
        ServerSocketChannel listener = listen(address, 50);
        LoopbackConnect connects = path.connects(TIMEOUT);

        assertThat(connects.connect(target(address, listener))).isEqualTo(LoopbackConnect.Outcome.OPEN);
        connects.cutIfOverdue(System.nanoTime() + TIMEOUT.toNanos() * 10); // nothing under way: nothing to cut
        assertThat(connects.connect(target(address, listener))).isEqualTo(LoopbackConnect.Outcome.OPEN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"192.0.2.1", "10.0.0.1", "169.254.1.1", "0.0.0.0", "::", "fe80::1", "2001:db8::1", "224.0.0.1", "::ffff:10.0.0.1"})
    void anAddressOffLoopbackNeverGetsABlockingSocket(String literal) throws IOException {
        InetAddress address = InetAddress.getByName(literal);
        Target target = new Target(address, Transport.TCP, 80);

        assertThat(LoopbackConnect.decidedInTheCall(address)).isFalse();
        for (Path path : Path.values()) {
            assertThatThrownBy(() -> path.connects(TIMEOUT).connect(target)).as(path.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a loopback address");
        }
        // libc's connects refuse it by themselves too, before socket() is called.
        assertThatThrownBy(() -> LinuxSockets.chosen().orElseThrow().connects(TIMEOUT).connect(target))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a loopback address");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "127.77.0.3", "127.255.255.254", "::1", "::ffff:127.0.0.1"})
    void loopbackAddressesAreDecidedInTheCall(String literal) throws IOException {
        assertThat(LoopbackConnect.decidedInTheCall(InetAddress.getByName(literal))).isTrue();
    }

    private ServerSocketChannel listen(InetAddress address, int backlog) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        sockets.add(listener);
        return listener.bind(new InetSocketAddress(address, 0), backlog);
    }

    /**
     * A listener whose accept queue is full, so that the kernel drops a new SYN (the client would send it again for
     * about two minutes): connections nobody accepts, until one does not complete within 200 ms.
     */
    private ServerSocketChannel jammed(InetAddress address) throws IOException {
        ServerSocketChannel listener = listen(address, 1);
        for (int queued = 0; queued < 16; queued++) {
            SocketChannel client = SocketChannel.open();
            sockets.add(client);
            try {
                client.socket().connect(listener.getLocalAddress(), 200);
            } catch (SocketTimeoutException full) {
                return listener;
            }
        }
        throw new IllegalStateException("the accept queue of a listener with a backlog of 1 took 16 connections");
    }

    /** A port free on the address, not listened on now. */
    private static int freePort(InetAddress address) throws IOException {
        try (ServerSocketChannel bound = ServerSocketChannel.open().bind(new InetSocketAddress(address, 0))) {
            return ((InetSocketAddress) bound.getLocalAddress()).getPort();
        }
    }

    private static long openDescriptors() throws IOException {
        try (Stream<java.nio.file.Path> descriptors = Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return descriptors.count();
        }
    }

    private static Target target(InetAddress address, ServerSocketChannel listener) throws IOException {
        return new Target(address, Transport.TCP, ((InetSocketAddress) listener.getLocalAddress()).getPort());
    }

    /** A loopback address of the test's own (127.100-199.x.y), away from the 127.0.x.y of the other tests. */
    static Inet4Address loopbackAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] address = {127, (byte) random.nextInt(100, 200), (byte) random.nextInt(256), (byte) random.nextInt(1, 255)};
        try {
            return (Inet4Address) InetAddress.getByAddress(address);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
