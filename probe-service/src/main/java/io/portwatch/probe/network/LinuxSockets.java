package io.portwatch.probe.network;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Blocking loopback connects made through libc ({@code socket}, {@code setsockopt}, {@code connect}, {@code close},
 * called by JNA's direct mapping), whose outcome is read from errno. The JDK reports a refused connect only by
 * throwing, and a {@code SocketChannel} is an object with its own locks and state around each socket: on a sweep of
 * closed loopback ports the exception's stack trace and the channel took a quarter of the probe's CPU. Here a closed
 * port costs four system calls ({@code socket}, {@code setsockopt} SO_SNDTIMEO, {@code connect}, {@code close}) and
 * no object; an open one adds {@code getsockname} (a connect to itself is no listener) and SO_LINGER 0 (a reset on
 * close, no TIME_WAIT).
 * <p>
 * The connect timeout is the socket's own (SO_SNDTIMEO bounds a blocking connect: the call then fails with
 * EINPROGRESS), so no watchdog is needed. Linux on x86-64 and aarch64 only, whose constants and errno values are
 * the ones below; elsewhere, or when JNA cannot load, {@link #chosen} is empty and the JDK's sockets are used.
 */
final class LinuxSockets {

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_LINGER = 13;
    private static final int SO_SNDTIMEO = 21;
    private static final int EINTR = 4;
    private static final int EBADF = 9;
    private static final int EAGAIN = 11;
    private static final int ETIMEDOUT = 110;
    private static final int EALREADY = 114;
    private static final int EINPROGRESS = 115;
    private static final int SOCKADDR_IN_LENGTH = 16;
    private static final int SOCKADDR_IN6_LENGTH = 28;
    /** How often a connect interrupted by a signal is taken up again (the kernel goes on with it meanwhile). */
    private static final int CONNECT_ATTEMPTS = 3;
    /** struct linger {l_onoff = 1, l_linger = 0}: close resets the connection. */
    private static final byte[] LINGER_RESET = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(1).putInt(0).array();

    /** libc, bound by JNA's direct mapping (no reflection or argument conversion per call). */
    private static final class Libc {
        static native int socket(int domain, int type, int protocol);

        static native int setsockopt(int fd, int level, int name, byte[] value, int length);

        static native int connect(int fd, byte[] address, int length);

        static native int getsockname(int fd, byte[] address, int[] length);

        static native int close(int fd);
    }

    private static final Optional<LinuxSockets> CHOSEN = load();

    private LinuxSockets() {
    }

    /** The libc path when this process has it, chosen once (at the first scan) and logged. */
    static Optional<LinuxSockets> chosen() {
        return CHOSEN;
    }

    /** Binds libc, and checks that errno is read back; empty (and logged) when that cannot be done here. */
    private static Optional<LinuxSockets> load() {
        if (!Platform.isLinux() || !(Platform.ARCH.equals("x86-64") || Platform.ARCH.equals("aarch64"))) {
            Log.infof("loopback connects go through the JDK's sockets: libc's are used on Linux x86-64 and aarch64 only, not %s %s",
                    System.getProperty("os.name"), Platform.ARCH);
            return Optional.empty();
        }
        try {
            Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            if (Libc.close(-1) != -1 || Native.getLastError() != EBADF) {
                Log.warn("loopback connects go through the JDK's sockets: libc's errno could not be read back through JNA");
                return Optional.empty();
            }
        } catch (LinkageError | RuntimeException e) {
            Log.warnf("loopback connects go through the JDK's sockets: JNA could not bind libc (%s)", e.toString());
            return Optional.empty();
        }
        Log.infof("loopback connects go through libc (JNA %s, direct mapping)", Native.VERSION);
        return Optional.of(new LinuxSockets());
    }

    /** One loop's connects: its scratch buffers, and the timeout as a struct timeval. */
    Connects connects(Duration timeout) {
        return new Connects(timeout);
    }

    /** The connects of one sweep loop (one thread): they share its buffers. */
    static final class Connects {

        private final byte[] timeval;
        private final byte[] address = new byte[SOCKADDR_IN6_LENGTH];
        private final byte[] local = new byte[SOCKADDR_IN6_LENGTH];
        private final int[] localLength = new int[1];

        private Connects(Duration timeout) {
            long micros = Math.max(1_000, timeout.toNanos() / 1_000); // a zero timeval would be no timeout at all
            this.timeval = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                    .putLong(micros / 1_000_000).putLong(micros % 1_000_000).array();
        }

        /**
         * Connects to a loopback target once, blocking for at most the timeout.
         *
         * @throws IllegalArgumentException when the target is not on loopback (before any socket is made)
         * @throws IOException              when no socket could be made (errno in the message)
         */
        LoopbackConnect.Outcome connect(Target target) throws IOException {
            InetAddress inet = target.address();
            if (!inet.isLoopbackAddress()) {
                throw new IllegalArgumentException(inet.getHostAddress() + " is not a loopback address: its connect may block");
            }
            int length = sockaddr(inet, target.port());
            int fd = Libc.socket(length == SOCKADDR_IN_LENGTH ? AF_INET : AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException("socket() failed: errno " + Native.getLastError());
            }
            try {
                if (Libc.setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, timeval, timeval.length) != 0) {
                    throw new IOException("setsockopt(SO_SNDTIMEO) failed: errno " + Native.getLastError());
                }
                for (int attempt = 1; attempt <= CONNECT_ATTEMPTS; attempt++) {
                    if (Libc.connect(fd, address, length) == 0) {
                        return opened(fd, length);
                    }
                    int errno = Native.getLastError();
                    switch (errno) {
                        case EINTR -> { } // the handshake goes on in the kernel: connect again to wait for it
                        case EINPROGRESS, EALREADY, ETIMEDOUT, EAGAIN -> {
                            return LoopbackConnect.Outcome.TIMED_OUT;
                        }
                        default -> {
                            return LoopbackConnect.Outcome.CLOSED; // ECONNREFUSED, or no route: as the JDK's path counts it
                        }
                    }
                }
                return LoopbackConnect.Outcome.TIMED_OUT;
            } finally {
                Libc.close(fd);
            }
        }

        /** A connect to itself (the kernel picked the target port as the source port) found no listener. */
        private LoopbackConnect.Outcome opened(int fd, int length) {
            localLength[0] = local.length;
            if (Libc.getsockname(fd, local, localLength) == 0 && localLength[0] == length && Arrays.equals(local, 0, length, address, 0, length)) {
                return LoopbackConnect.Outcome.CLOSED;
            }
            Libc.setsockopt(fd, SOL_SOCKET, SO_LINGER, LINGER_RESET, LINGER_RESET.length);
            return LoopbackConnect.Outcome.OPEN;
        }

        /** Writes the target's sockaddr_in or sockaddr_in6 into {@link #address}; returns its length. */
        private int sockaddr(InetAddress inet, int port) {
            Arrays.fill(address, (byte) 0);
            ByteBuffer buffer = ByteBuffer.wrap(address);
            byte[] raw = inet.getAddress();
            boolean v6 = inet instanceof Inet6Address;
            buffer.order(ByteOrder.nativeOrder()).putShort((short) (v6 ? AF_INET6 : AF_INET));
            buffer.order(ByteOrder.BIG_ENDIAN).putShort((short) port);
            if (v6) {
                buffer.putInt(0).put(raw); // sin6_flowinfo, sin6_addr; sin6_scope_id stays 0 (::1 needs none)
                return SOCKADDR_IN6_LENGTH;
            }
            buffer.put(raw);
            return SOCKADDR_IN_LENGTH;
        }
    }
}
