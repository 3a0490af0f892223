package io.portwatch.simulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP listener that hands each accepted connection to its handler on a small fixed pool (so a flood of
 * connections queues instead of starting threads without bound) and closes the connection afterwards.
 */
final class TcpAcceptor implements AutoCloseable {

    /** Serves one connection; the acceptor closes it afterwards. */
    interface Handler {
        void serve(Socket client) throws IOException;
    }

    private static final int THREADS = 8;
    private static final int BACKLOG = 200;

    private final String name;
    private final ServerSocket server;
    private final ExecutorService connections;

    TcpAcceptor(String name, InetSocketAddress bind, Handler handler) {
        this.name = name;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(bind, BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + name + " on tcp " + bind, e);
        }
        connections = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, name + "-connection");
            thread.setDaemon(true);
            return thread;
        });
        Thread acceptor = new Thread(() -> accept(handler), name + "-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where it listens. */
    SocketAddress localAddress() {
        return server.getLocalSocketAddress();
    }

    private void accept(Handler handler) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.execute(() -> {
                    try (client) {
                        handler.serve(client);
                    } catch (IOException e) {
                        // Client gone or idle: nothing to do.
                    }
                });
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println(name + ": " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            System.err.println(name + ": " + e.getMessage());
        }
        connections.shutdownNow();
    }
}
