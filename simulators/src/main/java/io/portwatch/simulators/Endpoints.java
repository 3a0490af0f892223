package io.portwatch.simulators;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Formats socket addresses as {@code host:port} ({@code [v6]:port} for IPv6). */
final class Endpoints {

    private Endpoints() {
    }

    static String format(SocketAddress address) {
        InetSocketAddress socket = (InetSocketAddress) address;
        String host = socket.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + socket.getPort();
    }
}
