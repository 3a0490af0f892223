package io.portwatch.events.listener;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;

/**
 * One listening socket.
 *
 * @param transport tcp or udp
 * @param address   the bound (host mode) or reached (network mode) address, e.g. {@code 127.0.0.1}, {@code ::}
 * @param port      the port
 * @param ipVersion the socket's address family, 4 or 6 (a dual-stack socket bound to {@code 127.0.0.1} is 6)
 * @param exposure  who can reach it
 * @param process   the owning process, or null when unknown
 * @param evidence  what a network probe observed, or null
 * @param netns     host mode: the network namespace the socket lives in; null in network mode and from
 *                  probes older than this field (then it is the host's)
 * @param container host mode: the container of the owning process, or null when none or unknown
 */
public record Listener(
        Transport transport,
        String address,
        int port,
        int ipVersion,
        Exposure exposure,
        ProcessInfo process,
        Evidence evidence,
        NetworkNamespace netns,
        ContainerInfo container) {

    /** @throws IllegalArgumentException naming what the contract requires and this listener lacks */
    public Listener {
        if (transport == null || address == null || address.isBlank() || exposure == null) {
            throw new IllegalArgumentException("a listener needs transport, address and exposure");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
        if (ipVersion != 4 && ipVersion != 6) {
            throw new IllegalArgumentException("ipVersion is 4 or 6, not " + ipVersion);
        }
    }

    /** A listener outside any container: network mode, or a probe that does not tell namespaces apart. */
    public Listener(Transport transport, String address, int port, int ipVersion, Exposure exposure, ProcessInfo process,
            Evidence evidence) {
        this(transport, address, port, ipVersion, exposure, process, evidence, null, null);
    }

    /**
     * Bound to an interface inside a network namespace other than the node's: reachable from that
     * namespace's network (a container bridge, the cluster's pod network), not from the node's interfaces
     * unless published.
     */
    public boolean inContainerNetwork() {
        return netns != null && !netns.host() && exposure != Exposure.LOOPBACK && exposure != Exposure.REACHABLE;
    }

    /** Transport and port, the part of a listener that knowledge is keyed by. */
    public PortKey portKey() {
        return new PortKey(transport, port);
    }

    /** Transport, address and port: what tells two listeners of one host apart. */
    public String endpoint() {
        String host = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        return transport.wireName() + "/" + host + ":" + port;
    }
}
