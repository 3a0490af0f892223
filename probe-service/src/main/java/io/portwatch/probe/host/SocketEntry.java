package io.portwatch.probe.host;

import io.portwatch.events.knowledge.Transport;

/**
 * One line of {@code /proc/net/{tcp,tcp6,udp,udp6}} that is a listener.
 *
 * @param transport tcp or udp
 * @param address   the bound address, in text form
 * @param port      the bound port
 * @param ipVersion 4 or 6 (the file it came from)
 * @param inode     the socket inode, which links it to its owning process
 * @param uid       the owning user id
 */
public record SocketEntry(Transport transport, String address, int port, int ipVersion, long inode, int uid) {
}
