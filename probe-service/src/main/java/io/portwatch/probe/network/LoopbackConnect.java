package io.portwatch.probe.network;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One sweep loop's connects to loopback addresses, each made with a blocking socket. On loopback the kernel runs
 * both ends of the handshake in the connect call, so the call alone decides the port: it returns (open) or is
 * refused (closed). A closed port then costs {@code socket}, {@code connect} and {@code close}, against the
 * non-blocking path's {@code socket}, two {@code fcntl}, {@code connect}, {@code poll}, {@code getsockopt} and
 * {@code close}.
 * <p>
 * A call can still block on loopback when the SYN is dropped (a listener whose accept queue is full, a firewall
 * rule on {@code lo}): the sweep's watchdog calls {@link #cutIfOverdue} and closes a socket whose connect has taken
 * the connect timeout, and the port counts as filtered, as the selector would count it. An address off loopback is
 * refused before any socket is made, so a connect that leaves the machine never blocks a loop.
 * <p>
 * Where libc can be called ({@link LinuxSockets#chosen()}: Linux, JNA loaded), the connects go through it instead:
 * no {@code SocketChannel} and no exception for a refused port, and the socket's own timeout (SO_SNDTIMEO) cuts a
 * connect at the timeout, so that path {@link #cutsItself()} and needs no watchdog. The outcome is the same on both.
 */
final class LoopbackConnect {

    /** What one connect found. */
    enum Outcome {
        OPEN, CLOSED, TIMED_OUT
    }

    private record Pending(SocketChannel channel, long since) {
    }

    private final long timeoutNanos;
    private final LinuxSockets.Connects libc;
    private volatile Pending pending;

    /** Connects through libc where this process can, else through the JDK's sockets. */
    LoopbackConnect(Duration timeout) {
        this(timeout, LinuxSockets.chosen().orElse(null));
    }

    /** Connects through {@code libc}, or through the JDK's sockets when it is null. */
    LoopbackConnect(Duration timeout, LinuxSockets libc) {
        this.timeoutNanos = timeout.toNanos();
        this.libc = libc == null ? null : libc.connects(timeout);
    }

    /** Whether a connect is cut at the timeout by its socket, so {@link #cutIfOverdue} need not be called. */
    boolean cutsItself() {
        return libc != null;
    }

    /** Whether a connect to {@code address} is decided in its call, and so may be made with a blocking socket. */
    static boolean decidedInTheCall(InetAddress address) {
        return address.isLoopbackAddress();
    }

    /**
     * Connects to a loopback target once. An open port's connection is reset at once (SO_LINGER 0: the service sees
     * no half-done session and no TIME_WAIT is left); a socket that connected to itself (the kernel picked the target
     * port as its source port, which happens on loopback in the ephemeral range) found no listener, and is closed.
     *
     * @throws IllegalArgumentException when the target is not on loopback (before any socket is made)
     */
    Outcome connect(Target target) throws IOException {
        if (!decidedInTheCall(target.address())) {
            throw new IllegalArgumentException(target.address().getHostAddress() + " is not a loopback address: its connect may block");
        }
        if (libc != null) {
            return libc.connect(target);
        }
        // IPv4 targets get an IPv4 socket: a dual-stack one costs a setsockopt and the kernel's mapped-address path.
        SocketChannel channel = SocketChannel.open(target.address() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        pending = new Pending(channel, System.nanoTime());
        try {
            channel.connect(target.socketAddress());
            if (channel.getLocalAddress().equals(channel.getRemoteAddress())) {
                return Outcome.CLOSED;
            }
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            return Outcome.OPEN;
        } catch (ClosedChannelException cut) {
            return Outcome.TIMED_OUT; // the watchdog closed it: no answer within the connect timeout
        } catch (IOException refused) {
            return Outcome.CLOSED;
        } finally {
            pending = null;
            channel.close();
        }
    }

    /** Closes the socket of a connect under way for the connect timeout or longer ({@code now} from {@link System#nanoTime()}). */
    void cutIfOverdue(long now) {
        Pending under = pending;
        if (under != null && now - under.since() >= timeoutNanos) {
            try {
                under.channel().close();
            } catch (IOException e) {
                // Closing a probe socket: nothing to report.
            }
        }
    }
}
