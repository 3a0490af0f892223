package io.portwatch.probe.network;

import io.portwatch.events.knowledge.Transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** One address, transport and port of a scan. */
public record Target(InetAddress address, Transport transport, int port) {

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }
}
