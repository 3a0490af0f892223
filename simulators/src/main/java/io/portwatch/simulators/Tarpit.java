package io.portwatch.simulators;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A TCP tarpit: on each connection it sends one byte per second, whatever the client says, so a reader
 * that waits per read (not per answer) waits for ever; each connection ends after its lifetime.
 */
public final class Tarpit implements SimulatedService {

    /** Time between two bytes. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final byte[] TEXT = "220 slow\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Duration lifetime;
    private final TcpAcceptor acceptor;

    /** @param lifetime how long one connection is kept trickling before it is closed */
    public Tarpit(InetSocketAddress bind, Duration lifetime) {
        this.lifetime = lifetime;
        this.acceptor = new TcpAcceptor("tarpit", bind, this::trickle);
    }

    private void trickle(Socket client) throws IOException {
        OutputStream out = client.getOutputStream();
        long bytes = Math.max(1, lifetime.toMillis() / INTERVAL.toMillis());
        try {
            for (long sent = 0; sent < bytes; sent++) {
                out.write(TEXT[(int) (sent % TEXT.length)]);
                out.flush();
                Thread.sleep(INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String describe() {
        return "tarpit tcp " + Endpoints.format(acceptor.localAddress()) + " (1 byte/s, " + lifetime.toSeconds() + " s per connection)";
    }

    @Override
    public void close() {
        acceptor.close();
    }
}
