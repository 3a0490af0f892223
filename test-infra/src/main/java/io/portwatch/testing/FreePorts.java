package io.portwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports on this machine that nothing listens on, for the processes and containers tests start. */
public final class FreePorts {

    private static final int ATTEMPTS = 20;

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
            int port = any();
            if (isFree(port + 1)) {
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
