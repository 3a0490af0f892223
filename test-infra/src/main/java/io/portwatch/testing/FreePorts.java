package io.portwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on this machine that nothing listens on, for the processes and containers tests start. */
public final class FreePorts {

    private static final int ATTEMPTS = 200;
    /**
     * Pairs are looked for below Linux's ephemeral range (32768-60999): the kernel hands out even ephemeral ports to
     * bind(0) and odd ones to connect(), so on a busy machine the successor of a port {@link #any()} gives is often an
     * outgoing connection's, and twenty tries in a row found none (seen with several test runs at once).
     */
    private static final int PAIR_LOW = 20_000;
    private static final int PAIR_HIGH = 32_000;

    private FreePorts() {
    }

    /** A port the kernel would hand out now. */
    public static int any() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port whose successor is free too (a broker's client and controller ports). */
    public static int pair() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(PAIR_LOW, PAIR_HIGH);
            if (isFree(port) && isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("found no two consecutive free ports");
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
