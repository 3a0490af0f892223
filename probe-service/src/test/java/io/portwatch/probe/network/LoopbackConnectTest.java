package io.portwatch.probe.network;

import io.portwatch.events.knowledge.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A blocking connect decides a loopback port in its call: open, closed, or, when the SYN is dropped, cut by the
 * watchdog at the connect timeout. An address off loopback never gets a blocking socket.
 */
class LoopbackConnectTest {

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
    void aListeningPortIsOpenAndItsConnectionIsReset() throws IOException {
        Inet4Address address = loopbackAddress();
        ServerSocketChannel listener = listen(address, 50);

        assertThat(new LoopbackConnect(TIMEOUT).connect(target(address, listener))).isEqualTo(LoopbackConnect.Outcome.OPEN);

        try (SocketChannel accepted = listener.accept()) {
            assertThatThrownBy(() -> accepted.read(ByteBuffer.allocate(1))).as("the probe's connection was reset, not closed in order")
                    .isInstanceOf(IOException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void aPortNothingListensOnIsClosed() throws IOException {
        Inet4Address address = loopbackAddress();
        ServerSocketChannel bound = ServerSocketChannel.open().bind(new InetSocketAddress(address, 0));
        int port = ((InetSocketAddress) bound.getLocalAddress()).getPort();
        bound.close(); // the port was free on the address, and is not listened on now

        assertThat(new LoopbackConnect(TIMEOUT).connect(new Target(address, Transport.TCP, port))).isEqualTo(LoopbackConnect.Outcome.CLOSED);
    }

    @Test
    void aConnectWhoseSynIsDroppedIsCutAtTheTimeout() throws IOException {
        Inet4Address address = loopbackAddress();
        ServerSocketChannel jammed = jammed(address);
        LoopbackConnect connects = new LoopbackConnect(TIMEOUT);
        watchdog.scheduleAtFixedRate(() -> connects.cutIfOverdue(System.nanoTime()), 50, 50, TimeUnit.MILLISECONDS);

        long started = System.nanoTime();
        LoopbackConnect.Outcome outcome = assertTimeoutPreemptively(CUT_WITHIN, () -> connects.connect(target(address, jammed)));

        assertThat(outcome).isEqualTo(LoopbackConnect.Outcome.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("cut no earlier than the timeout").isGreaterThanOrEqualTo(TIMEOUT);
    }

    @Test
    void aConnectUnderTheTimeoutIsNotCut() throws IOException {
        Inet4Address address = loopbackAddress();
        ServerSocketChannel listener = listen(address, 50);
        LoopbackConnect connects = new LoopbackConnect(TIMEOUT);

        assertThat(connects.connect(target(address, listener))).isEqualTo(LoopbackConnect.Outcome.OPEN);
        connects.cutIfOverdue(System.nanoTime() + TIMEOUT.toNanos() * 10); // nothing under way: nothing to cut
        assertThat(connects.connect(target(address, listener))).isEqualTo(LoopbackConnect.Outcome.OPEN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"192.0.2.1", "10.0.0.1", "169.254.1.1", "0.0.0.0", "::", "fe80::1", "2001:db8::1", "224.0.0.1"})
    void anAddressOffLoopbackNeverGetsABlockingSocket(String literal) throws IOException {
        InetAddress address = InetAddress.getByName(literal);

        assertThat(LoopbackConnect.decidedInTheCall(address)).isFalse();
        assertThatThrownBy(() -> new LoopbackConnect(TIMEOUT).connect(new Target(address, Transport.TCP, 80)))
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
