package io.portwatch.probe.network;

import java.util.BitSet;

/** A port list such as {@code 1-1024,3031,3283}, parsed into a sorted set of ports 1-65535. */
public final class PortSpec {

    private PortSpec() {
    }

    /** Parses a port list; throws IllegalArgumentException with the reason. */
    public static int[] parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no ports given");
        }
        BitSet ports = new BitSet(65536);
        for (String part : text.split(",")) {
            String[] range = part.trim().split("-", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException("not a port or range: " + part.trim());
            }
            int from = port(range[0], part);
            int to = range.length == 2 ? port(range[1], part) : from;
            if (from > to) {
                throw new IllegalArgumentException("range " + part.trim() + " runs backwards");
            }
            ports.set(from, to + 1);
        }
        return ports.stream().toArray();
    }

    private static int port(String text, String part) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a port 1-65535 in " + part.trim());
    }
}
