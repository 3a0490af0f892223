package io.portwatch.events.listener;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;

import java.util.ArrayList;
import java.util.List;

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
 * @param inode     host mode: the socket's inode, which tells apart sockets sharing an address and port
 *                  (SO_REUSEPORT); from the lsof backend the socket's identity lsof reports (the inode on Linux,
 *                  the kernel's socket handle on macOS); null in network mode and from probes older than this field
 * @param sharedWith host mode: the other processes holding the same socket (inherited over fork, passed
 *                  over a Unix socket), each an owner as much as {@code process}; empty when none
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
        ContainerInfo container,
        Long inode,
        List<ProcessInfo> sharedWith) {

    /** @throws IllegalArgumentException naming what the contract requires and this listener lacks */
    public Listener {
        sharedWith = sharedWith == null ? List.of() : List.copyOf(sharedWith);
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
        this(transport, address, port, ipVersion, exposure, process, evidence, null, null, null, List.of());
    }

    /** A socket of a network namespace, without its inode (probes older than that field). */
    public Listener(Transport transport, String address, int port, int ipVersion, Exposure exposure, ProcessInfo process,
            Evidence evidence, NetworkNamespace netns, ContainerInfo container) {
        this(transport, address, port, ipVersion, exposure, process, evidence, netns, container, null, List.of());
    }

    /** Every process known to hold the socket: {@code process} first, then {@code sharedWith}; empty when unknown. */
    public List<ProcessInfo> owners() {
        if (process == null) {
            return sharedWith;
        }
        if (sharedWith.isEmpty()) {
            return List.of(process);
        }
        List<ProcessInfo> owners = new ArrayList<>(sharedWith.size() + 1);
        owners.add(process);
        owners.addAll(sharedWith);
        return List.copyOf(owners);
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
        return PortKey.of(transport, port);
    }

    /** Transport, address and port, e.g. {@code tcp/[::1]:3031}: where a listener is, for people. */
    public String endpoint() {
        String host = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        return transport.wireName() + "/" + host + ":" + port;
    }

    /**
     * What tells two listeners of one host apart: the endpoint, and where the probe reports it the socket's
     * inode, so two sockets on one address and port (SO_REUSEPORT) are two listeners, each with its owner.
     */
    public String socketKey() {
        return inode == null ? endpoint() : endpoint() + "#" + inode;
    }
}
