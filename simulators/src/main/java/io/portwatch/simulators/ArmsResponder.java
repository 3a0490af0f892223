package io.portwatch.simulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;

/**
 * An ARMS-like responder (Apple Remote Management Service, 3283/udp): answers a status query with
 * {@value #RESPONSE_BYTES} bytes, the amplification the seed page describes (a 32-byte query, a
 * 1,034-byte answer). A status query is a datagram that starts with the ARD status header
 * {@code 00 14 00 01 03}; anything else is ignored, as ARMS ignores what it does not understand.
 */
public final class ArmsResponder implements SimulatedService {

    public static final int RESPONSE_BYTES = 1034;
    private static final byte[] STATUS_HEADER = {0x00, 0x14, 0x00, 0x01, 0x03};

    private final DatagramSocket socket;
    private final Thread worker;

    public ArmsResponder(InetSocketAddress bind) {
        try {
            socket = new DatagramSocket(bind);
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot bind ARMS responder on udp " + bind, e);
        }
        worker = new Thread(this::answer, "arms-responder");
        worker.setDaemon(true);
        worker.start();
    }

    /** Whether a datagram is an ARD status query. */
    static boolean isStatusQuery(byte[] data, int length) {
        return length >= STATUS_HEADER.length && Arrays.equals(data, 0, STATUS_HEADER.length, STATUS_HEADER, 0, STATUS_HEADER.length);
    }

    private void answer() {
        byte[] buffer = new byte[2048];
        byte[] response = new byte[RESPONSE_BYTES];
        System.arraycopy(STATUS_HEADER, 0, response, 0, STATUS_HEADER.length);
        while (!socket.isClosed()) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                if (isStatusQuery(query.getData(), query.getLength())) {
                    socket.send(new DatagramPacket(response, response.length, query.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    System.err.println("arms: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public String describe() {
        return "arms udp " + Endpoints.format(socket.getLocalSocketAddress());
    }

    @Override
    public void close() {
        socket.close();
    }
}
