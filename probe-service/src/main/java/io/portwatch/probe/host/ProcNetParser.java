package io.portwatch.probe.host;

import io.portwatch.events.knowledge.Transport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Parses the kernel's socket tables ({@code /proc/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6})
 * and keeps the listeners: TCP sockets in LISTEN, UDP sockets bound with no remote peer. A line that
 * is not what the kernel writes is skipped and reported, never fatal.
 */
public final class ProcNetParser {

    private static final String TCP_LISTEN = "0A";
    private static final String UDP_UNCONNECTED = "07";
    private static final int LOCAL_ADDRESS = 1;
    private static final int REMOTE_ADDRESS = 2;
    private static final int STATE = 3;
    private static final int UID = 7;
    private static final int INODE = 9;

    private ProcNetParser() {
    }

    /**
     * The listeners in one table's text.
     *
     * @param malformed told each line it could not read, with the reason
     */
    public static List<SocketEntry> parse(String table, Transport transport, int ipVersion, Consumer<String> malformed) {
        List<SocketEntry> entries = new ArrayList<>();
        // Most listeners share a handful of addresses (127.0.0.1, 0.0.0.0): each is decoded once per table.
        Map<String, String> decoded = new HashMap<>();
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                SocketEntry entry = parseLine(line, transport, ipVersion, decoded);
                if (entry != null) {
                    entries.add(entry);
                }
            } catch (IllegalArgumentException e) {
                malformed.accept(e.getMessage() + ": " + line);
            }
        }
        return entries;
    }

    private static SocketEntry parseLine(String line, Transport transport, int ipVersion, Map<String, String> decoded) {
        String[] fields = fields(line);
        if (!isListening(transport, fields[STATE], fields[REMOTE_ADDRESS])) {
            return null;
        }
        String[] local = splitEndpoint(fields[LOCAL_ADDRESS]);
        String address = decoded.get(local[0]);
        if (address == null) {
            address = HexAddresses.decode(local[0], ipVersion);
            decoded.put(local[0], address);
        }
        return new SocketEntry(transport, address, parseHexPort(local[1]), ipVersion,
                parseNumber(fields[INODE], "inode"), (int) parseNumber(fields[UID], "uid"));
    }

    /**
     * The line's first fields up to the inode, split at runs of white space as {@code split("\\s+")} would, without a
     * regular expression per line (10,000 listeners are 10,000 lines).
     */
    private static String[] fields(String line) {
        String[] fields = new String[INODE + 1];
        int count = 0;
        int at = 0;
        int length = line.length();
        while (count <= INODE) {
            while (at < length && isSpace(line.charAt(at))) {
                at++;
            }
            if (at == length) {
                break;
            }
            int start = at;
            while (at < length && !isSpace(line.charAt(at))) {
                at++;
            }
            fields[count++] = line.substring(start, at);
        }
        if (count <= INODE) {
            throw new IllegalArgumentException("too few fields");
        }
        return fields;
    }

    /** What {@code \\s} matches. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isListening(Transport transport, String state, String remote) {
        if (transport == Transport.TCP) {
            return TCP_LISTEN.equals(state);
        }
        return UDP_UNCONNECTED.equals(state) && parseHexPort(splitEndpoint(remote)[1]) == 0;
    }

    private static String[] splitEndpoint(String endpoint) {
        int colon = endpoint.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("endpoint without port '" + endpoint + "'");
        }
        return new String[] {endpoint.substring(0, colon), endpoint.substring(colon + 1)};
    }

    private static int parseHexPort(String hex) {
        try {
            int port = Integer.parseInt(hex, 16);
            if (port > 0xFFFF || port < 0) {
                throw new IllegalArgumentException("port out of range '" + hex + "'");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not hex '" + hex + "'", e);
        }
    }

    private static long parseNumber(String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number '" + text + "'", e);
        }
    }
}
