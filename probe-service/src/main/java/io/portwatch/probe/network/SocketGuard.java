package io.portwatch.probe.network;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a probe's socket when its deadline passes, so no read or TLS handshake can outlive it, however the
 * peer paces its bytes (a socket timeout bounds one read only). Closing the guard disarms it.
 */
final class SocketGuard implements AutoCloseable {

    private final ScheduledFuture<?> timer;

    private SocketGuard(ScheduledFuture<?> timer) {
        this.timer = timer;
    }

    /** Arms a guard that closes {@code socket} when {@code deadline} has no time left. */
    static SocketGuard arm(ScheduledExecutorService timers, Closeable socket, Deadline deadline) {
        return new SocketGuard(timers.schedule(() -> closeQuietly(socket), deadline.remainingMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        timer.cancel(false);
    }

    private static void closeQuietly(Closeable socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a probe socket at its deadline: nothing to report.
        }
    }
}
