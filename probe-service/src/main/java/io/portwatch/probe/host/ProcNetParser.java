package io.portwatch.probe.host;

import io.portwatch.events.knowledge.Transport;

import java.util.ArrayList;
import java.util.List;
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
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                SocketEntry entry = parseLine(line, transport, ipVersion);
                if (entry != null) {
                    entries.add(entry);
                }
            } catch (IllegalArgumentException e) {
                malformed.accept(e.getMessage() + ": " + line);
            }
        }
        return entries;
    }

    private static SocketEntry parseLine(String line, Transport transport, int ipVersion) {
        String[] fields = line.split("\\s+");
        if (fields.length <= INODE) {
            throw new IllegalArgumentException("too few fields");
        }
        if (!isListening(transport, fields[STATE], fields[REMOTE_ADDRESS])) {
            return null;
        }
        String[] local = splitEndpoint(fields[LOCAL_ADDRESS]);
        return new SocketEntry(transport, HexAddresses.decode(local[0], ipVersion), parseHexPort(local[1]), ipVersion,
                parseNumber(fields[INODE], "inode"), (int) parseNumber(fields[UID], "uid"));
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
