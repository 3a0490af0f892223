package io.portwatch.probe.network;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One plain TCP exchange bounded by a deadline: connect, send the request (if any), then read until the peer
 * closes, stays silent for the idle timeout, the answer is complete, the byte cap is reached, or the deadline
 * passes. Only the deadline makes it {@code timedOut}: a service that is silent or closes has finished.
 */
final class PlainExchange {

    /** Says whether the bytes read so far are a whole answer, so the read can stop before the peer closes. */
    interface Completion {

        /** Never complete: read until the peer closes or is idle (a banner). */
        Completion NEVER = (data, length) -> false;

        boolean complete(byte[] data, int length);
    }

    /**
     * What came back.
     *
     * @param bytes    the bytes read, possibly none
     * @param timedOut whether the deadline ended the exchange (what was read is kept)
     */
    record Received(byte[] bytes, boolean timedOut) {

        /** The bytes as text, one character per byte, so every byte stays visible (and escapable). */
        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final int maxBytes;
    private final ScheduledExecutorService timers;

    /**
     * @param connectTimeout the most a connect may take
     * @param idleTimeout    silence after which the peer counts as finished
     * @param maxBytes       the most bytes read
     * @param timers         runs the {@link SocketGuard}s
     */
    PlainExchange(Duration connectTimeout, Duration idleTimeout, int maxBytes, ScheduledExecutorService timers) {
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.maxBytes = maxBytes;
        this.timers = timers;
    }

    /** Sends {@code request} (nothing when empty) and reads the answer. */
    Received exchange(Target target, byte[] request, Completion completion, Deadline deadline) {
        byte[] data = new byte[maxBytes];
        int length = 0;
        if (deadline.passed()) {
            return new Received(new byte[0], true);
        }
        try (Socket socket = new Socket(); SocketGuard ignored = SocketGuard.arm(timers, socket, deadline)) {
            socket.connect(target.socketAddress(), deadline.millisAtMost(connectTimeout));
            if (request.length > 0) {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            }
            InputStream in = socket.getInputStream();
            while (length < maxBytes && !completion.complete(data, length) && !deadline.passed()) {
                socket.setSoTimeout(deadline.millisAtMost(idleTimeout));
                int read = in.read(data, length, maxBytes - length);
                if (read < 0) {
                    break;
                }
                length += read;
            }
        } catch (SocketTimeoutException idle) {
            // Silent for the idle timeout (or the deadline, told below): keep what arrived.
        } catch (IOException e) {
            // Refused, reset, or closed by the guard at the deadline: keep what arrived.
        }
        boolean finished = length >= maxBytes || completion.complete(data, length);
        return new Received(Arrays.copyOf(data, length), !finished && deadline.passed());
    }
}
