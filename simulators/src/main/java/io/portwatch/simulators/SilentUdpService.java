package io.portwatch.simulators;

import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;

/** A bound UDP socket that never answers (eppc's 3031/udp): a listener to see, nothing to reflect. */
public final class SilentUdpService implements SimulatedService {

    private final String name;
    private final DatagramSocket socket;

    public SilentUdpService(String name, InetSocketAddress bind) {
        this.name = name;
        try {
            socket = new DatagramSocket(bind);
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot bind " + name + " on udp " + bind, e);
        }
    }

    @Override
    public String describe() {
        return name + " udp " + Endpoints.format(socket.getLocalSocketAddress());
    }

    @Override
    public void close() {
        socket.close();
    }
}
