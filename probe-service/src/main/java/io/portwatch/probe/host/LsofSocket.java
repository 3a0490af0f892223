package io.portwatch.probe.host;

import io.portwatch.events.knowledge.Transport;

/**
 * One listening socket of one process, as lsof's field output names it, texts already escaped and cut to the contract's limits.
 *
 * @param pid       the process ({@code p})
 * @param command   its name ({@code c}), for display only: the process chooses it
 * @param uid       its user id ({@code u}), or null when lsof gave none
 * @param login     its user's login name ({@code L}), or null
 * @param transport {@code P}: TCP or UDP
 * @param address   the bound address in canonical form, the wildcard {@code *} as {@code 0.0.0.0} or {@code ::}
 * @param port      the bound port
 * @param ipVersion 4 or 6, from the type ({@code t} IPv4 or IPv6)
 * @param device    the socket's identity ({@code d}: the inode on Linux, the kernel's socket handle on macOS), which
 *                  tells one socket held by several processes from several sockets; null when lsof gave none
 */
record LsofSocket(long pid, String command, Integer uid, String login, Transport transport, String address, int port, int ipVersion,
        Long device) {
}
