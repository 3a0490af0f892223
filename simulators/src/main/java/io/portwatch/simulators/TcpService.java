package io.portwatch.simulators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP listener that accepts connections, sends an optional banner and closes each connection when
 * the client does (or after a few seconds): eppc on 3031, ARD's file service on 3283, the tcp-sweep
 * benchmark's open ports.
 */
public final class TcpService implements SimulatedService {

    private static final int IDLE_TIMEOUT_MILLIS = 5_000;

    private final String name;
    private final String banner;
    private final ServerSocket server;
    private final ExecutorService connections;

    public TcpService(String name, InetSocketAddress bind, String banner) {
        this.name = name;
        this.banner = banner;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(bind, 200);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + name + " on tcp " + bind, e);
        }
        connections = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, name + "-connection");
            thread.setDaemon(true);
            return thread;
        });
        Thread acceptor = new Thread(this::accept, name + "-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.execute(() -> serve(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println(name + ": " + e.getMessage());
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client; InputStream in = client.getInputStream()) {
            client.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            if (banner != null) {
                client.getOutputStream().write(banner.getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
            }
            byte[] sink = new byte[512];
            while (in.read(sink) >= 0) {
                // Read until the client closes or goes idle.
            }
        } catch (IOException e) {
            // Client gone or idle: nothing to do.
        }
    }

    @Override
    public String describe() {
        return name + " tcp " + Endpoints.format(server.getLocalSocketAddress());
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
