package io.portwatch.probe.network;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The TCP ports listening on an IPv4 address as the kernel tells them ({@code /proc/net/tcp} and {@code tcp6}): the
 * truth a sweep of that address is held to. {@code certain} listen on the address or on every IPv4 address;
 * {@code possible} listen on every IPv6 address, which takes IPv4 connects too unless the socket is IPv6-only
 * (which /proc does not tell).
 */
record ListeningPorts(Set<Integer> certain, Set<Integer> possible) {

    private static final String LISTEN = "0A";
    private static final String ANY_V4 = "00000000";
    private static final String ANY_V6 = "0".repeat(32);
    private static final String MAPPED_V4 = "0000000000000000FFFF0000";

    static ListeningPorts on(Inet4Address address) throws IOException {
        byte[] bytes = address.getAddress();
        // /proc writes each 32-bit word in the host's order: little-endian here.
        String hex = HexFormat.of().withUpperCase().formatHex(new byte[] {bytes[3], bytes[2], bytes[1], bytes[0]});
        Set<Integer> certain = new HashSet<>();
        Set<Integer> possible = new HashSet<>();
        for (String[] socket : listening(Path.of("/proc/net/tcp"))) {
            if (socket[0].equals(ANY_V4) || socket[0].equals(hex)) {
                certain.add(Integer.parseInt(socket[1], 16));
            }
        }
        for (String[] socket : listening(Path.of("/proc/net/tcp6"))) {
            if (socket[0].equals(MAPPED_V4 + hex)) {
                certain.add(Integer.parseInt(socket[1], 16));
            } else if (socket[0].equals(ANY_V6)) {
                possible.add(Integer.parseInt(socket[1], 16));
            }
        }
        return new ListeningPorts(certain, possible);
    }

    /** The local address and port (hex) of each listening socket of the table. */
    private static List<String[]> listening(Path table) throws IOException {
        if (!Files.exists(table)) {
            return List.of();
        }
        return Files.readAllLines(table).stream().skip(1).map(line -> line.trim().split("\\s+"))
                .filter(fields -> fields[3].equals(LISTEN)).map(fields -> fields[1].split(":")).toList();
    }
}
