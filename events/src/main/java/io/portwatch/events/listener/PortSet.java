package io.portwatch.events.listener;

import io.portwatch.events.knowledge.Transport;

import java.util.ArrayList;
import java.util.List;

/**
 * Ports of one transport, written as the scan wrote them: {@code 22,80,3000-3100}.
 *
 * @param transport the transport
 * @param ports     comma-separated ports and inclusive ranges, each within 0-65535, at most {@link #MAX_TEXT} characters
 */
public record PortSet(Transport transport, String ports) {

    /** Longest port text accepted (every port of 0-65535 written in ranges fits with room). */
    public static final int MAX_TEXT = 4_096;

    /** @throws IllegalArgumentException when the transport is missing or the ports are not a list of ports and ranges */
    public PortSet {
        if (transport == null || ports == null || ports.isBlank() || ports.length() > MAX_TEXT) {
            throw new IllegalArgumentException("a port set needs a transport and at most " + MAX_TEXT + " characters of ports");
        }
        ranges(ports);
    }

    /** Whether this set holds the port of this transport. */
    public boolean covers(Transport transport, int port) {
        if (this.transport != transport) {
            return false;
        }
        for (int[] range : ranges(ports)) {
            if (port >= range[0] && port <= range[1]) {
                return true;
            }
        }
        return false;
    }

    private static List<int[]> ranges(String ports) {
        List<int[]> ranges = new ArrayList<>();
        for (String part : ports.split(",", -1)) {
            String[] bounds = part.strip().split("-", -1);
            if (bounds.length > 2) {
                throw new IllegalArgumentException("not a port or range: " + part);
            }
            int low = port(bounds[0]);
            int high = bounds.length == 2 ? port(bounds[1]) : low;
            if (low > high) {
                throw new IllegalArgumentException("a range runs upwards: " + part);
            }
            ranges.add(new int[] {low, high});
        }
        return ranges;
    }

    private static int port(String text) {
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a port: " + text);
        }
        int port = Integer.parseInt(digits);
        if (port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
        return port;
    }
}
