package io.portwatch.simulators;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A TCP listener that accepts connections, sends an optional banner and closes each connection when
 * the client does (or after a few seconds): eppc on 3031, ARD's file service on 3283, the tcp-sweep
 * benchmark's open ports.
 */
public final class TcpService implements SimulatedService {

    private static final int IDLE_TIMEOUT_MILLIS = 5_000;

    private final String name;
    private final String banner;
    private final TcpAcceptor acceptor;

    public TcpService(String name, InetSocketAddress bind, String banner) {
        this.name = name;
        this.banner = banner;
        this.acceptor = new TcpAcceptor(name, bind, this::serve);
    }

    private void serve(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        client.setSoTimeout(IDLE_TIMEOUT_MILLIS);
        if (banner != null) {
            client.getOutputStream().write(banner.getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
        }
        byte[] sink = new byte[512];
        while (in.read(sink) >= 0) {
            // Read until the client closes or goes idle.
        }
    }

    @Override
    public String describe() {
        return name + " tcp " + Endpoints.format(acceptor.localAddress());
    }

    @Override
    public void close() {
        acceptor.close();
    }
}
