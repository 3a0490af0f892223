package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Addresses;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the listening sockets from {@code lsof -F0pcuLftPnTd} output. Every field is one identifying character and its
 * value, ended by a NUL; a newline ends each set. A process set ({@code p} pid, {@code c} command, {@code u} uid,
 * {@code L} login) is followed by its file sets ({@code f} descriptor, {@code t} IPv4|IPv6, {@code d} socket identity,
 * {@code P} TCP|UDP, {@code n} name such as {@code *:3031}, {@code [::1]:3031} or {@code 127.0.0.1:53->127.0.0.1:9}
 * (connected), {@code T} TCP state such as {@code ST=LISTEN}).
 * <p>
 * A process chooses its own name, so the format it is read in is one a name cannot forge: fields are split at NULs,
 * which no name can hold (lsof escapes newlines and other controls itself, but a name with a raw newline is still one
 * field here). Texts are escaped and cut like the proc backend's ({@link ControlCharacters}, {@link ContractLimits});
 * a file set that repeats a field, comes before any process, or names no address and port is skipped and told to
 * {@code malformed}; fields this reader does not use are ignored.
 */
final class LsofFields {

    private static final byte[] STATE = ascii("ST=");
    private static final byte[] LISTEN_STATE = ascii("ST=LISTEN");
    private static final byte[] IPV4 = ascii("IPv4");
    private static final byte[] IPV6 = ascii("IPv6");
    private static final byte[] TCP = ascii("TCP");
    private static final byte[] UDP = ascii("UDP");
    private static final String CONNECTED = "->";
    private static final String WILDCARD = "*";
    /** The longest field kept whole; longer ones keep their start (names are cut to {@link ContractLimits#NAME} anyway). */
    static final int MAX_FIELD_BYTES = 65_536;
    /** The most distinct addresses whose canonical form one parse keeps (a host has a few; hostile output gets no more memory). */
    private static final int MAX_CACHED_ADDRESSES = 1_024;

    private LsofFields() {
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The listening sockets in complete lsof output (recorded output, tests): TCP in state LISTEN, UDP not connected to a peer. */
    static List<LsofSocket> parse(String output, Consumer<String> malformed) {
        Parser parser = new Parser(malformed);
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, bytes.length);
        return parser.finish();
    }

    /**
     * Reads lsof's output as it arrives, chunk by chunk, so that the parse runs while lsof is still walking the processes
     * rather than after it. Fields are split at NUL bytes, which UTF-8 never uses inside a character, so each field is
     * decoded on its own; a field longer than {@value #MAX_FIELD_BYTES} bytes keeps its start only (every text is cut
     * far shorter by the contract's limits).
     */
    static final class Parser {

        private final Reader reader;
        /** The start of a field that a chunk ended in the middle of; fields wholly inside a chunk are read in place. */
        private byte[] partial = new byte[256];
        private int partialLength;

        Parser(Consumer<String> malformed) {
            this.reader = new Reader(malformed);
        }

        /** Reads the first {@code count} bytes of {@code chunk}. */
        void feed(byte[] chunk, int count) {
            int start = 0;
            for (int i = 0; i < count; i++) {
                if (chunk[i] == 0) {
                    if (partialLength == 0) {
                        reader.field(chunk, start, Math.min(i - start, MAX_FIELD_BYTES));
                    } else {
                        keep(chunk, start, i - start);
                        reader.field(partial, 0, partialLength);
                        partialLength = 0;
                    }
                    start = i + 1;
                }
            }
            keep(chunk, start, count - start);
        }

        /** The listening sockets of everything fed. */
        List<LsofSocket> finish() {
            reader.field(partial, 0, partialLength);
            partialLength = 0;
            reader.endFile();
            return reader.sockets;
        }

        private void keep(byte[] chunk, int from, int count) {
            int kept = Math.min(count, MAX_FIELD_BYTES - partialLength);
            if (kept <= 0) {
                return;
            }
            if (partialLength + kept > partial.length) {
                partial = Arrays.copyOf(partial, Math.min(MAX_FIELD_BYTES, Math.max(partial.length * 2, partialLength + kept)));
            }
            System.arraycopy(chunk, from, partial, partialLength, kept);
            partialLength += kept;
        }
    }

    /** The fields of the process set being read. */
    private static final class ProcessSet {
        long pid = -1;
        String command;
        Integer uid;
        String login;
        boolean valid = true;
    }

    /** The fields of the file set being read: only the name is kept as text, the others as what they say. */
    private static final class FileSet {
        /** 4 or 6 from {@code t}; 0 for another type (a UNIX socket, a pipe). */
        int ipVersion;
        boolean typeSeen;
        /** From {@code P}; null for another protocol. */
        Transport transport;
        boolean protocolSeen;
        String name;
        Long device;
        boolean deviceSeen;
        boolean listening;
        String problem;

        /** Notes a field this set already has: the set is then skipped. */
        boolean twice(boolean seen, char id) {
            if (seen && problem == null) {
                problem = "field '" + id + "' twice in one file";
            }
            return seen;
        }
    }

    private static final class Reader {
        private final Consumer<String> malformed;
        private final List<LsofSocket> sockets = new ArrayList<>();
        /** Canonical forms of the host parts seen so far: thousands of sockets share a handful of addresses. */
        private final Map<String, String> canonical = new HashMap<>();
        private ProcessSet process;
        private FileSet file;

        Reader(Consumer<String> malformed) {
            this.malformed = malformed;
        }

        /**
         * One field: its identifying character at {@code bytes[from]}, then its value, {@code length} bytes in all
         * (newlines before it end the set before). Only the texts kept (names, addresses) become strings.
         */
        void field(byte[] bytes, int from, int length) {
            int begin = from;
            int end = from + length;
            while (begin < end && bytes[begin] == '\n') {
                begin++;
            }
            if (begin == end) {
                return;
            }
            char id = (char) (bytes[begin] & 0xff);
            int value = begin + 1;
            switch (id) {
                case 'p' -> startProcess(text(bytes, value, end));
                case 'c', 'u', 'L' -> processField(id, text(bytes, value, end));
                case 'f' -> startFile();
                case 't', 'P', 'n', 'd' -> fileField(id, bytes, value, end);
                case 'T' -> state(bytes, value, end);
                default -> {
                    // A field this reader does not ask for (lsof adds some, e.g. TQR= and TQS= of T).
                }
            }
        }

        private static String text(byte[] bytes, int from, int end) {
            return new String(bytes, from, end - from, StandardCharsets.UTF_8);
        }

        private static boolean is(byte[] bytes, int from, int end, byte[] expected) {
            return end - from == expected.length && Arrays.equals(bytes, from, end, expected, 0, expected.length);
        }

        private void startProcess(String value) {
            endFile();
            process = new ProcessSet();
            try {
                process.pid = Long.parseLong(value);
                process.valid = process.pid > 0;
            } catch (NumberFormatException e) {
                process.valid = false;
            }
            if (!process.valid) {
                malformed.accept("process id is not a number '" + shown(value) + "'");
            }
        }

        private void processField(char id, String value) {
            if (file != null) {
                file.problem = "process field '" + id + "' inside a file set";
                return;
            }
            if (process == null) {
                malformed.accept("process field '" + id + "' before any process: " + shown(value));
                return;
            }
            switch (id) {
                case 'c' -> process.command = process.command == null ? ControlCharacters.escapeAndCut(value, ContractLimits.NAME) : process.command;
                case 'u' -> process.uid = uid(value);
                default -> process.login = ControlCharacters.escapeAndCut(value, ContractLimits.NAME);
            }
        }

        /** A uid as lsof prints it: 0 to 2^32-1 (macOS's nobody, -2, is 4294967294), or negative as macOS's own tools print it. */
        private Integer uid(String value) {
            try {
                long uid = Long.parseLong(value);
                if (uid < Integer.MIN_VALUE || uid > 0xFFFF_FFFFL) {
                    throw new NumberFormatException(value);
                }
                return (int) uid;
            } catch (NumberFormatException e) {
                malformed.accept("uid is not a number '" + shown(value) + "'");
                return null;
            }
        }

        private void startFile() {
            endFile();
            file = new FileSet();
            if (process == null) {
                file.problem = "file before any process";
            }
        }

        private void fileField(char id, byte[] bytes, int from, int end) {
            if (file == null) {
                malformed.accept("file field '" + id + "' outside a file set: " + shown(text(bytes, from, end)));
                return;
            }
            switch (id) {
                case 't' -> {
                    if (!file.twice(file.typeSeen, id)) {
                        file.typeSeen = true;
                        file.ipVersion = is(bytes, from, end, IPV4) ? 4 : is(bytes, from, end, IPV6) ? 6 : 0;
                    }
                }
                case 'P' -> {
                    if (!file.twice(file.protocolSeen, id)) {
                        file.protocolSeen = true;
                        file.transport = is(bytes, from, end, TCP) ? Transport.TCP : is(bytes, from, end, UDP) ? Transport.UDP : null;
                    }
                }
                case 'n' -> {
                    if (!file.twice(file.name != null, id)) {
                        file.name = text(bytes, from, end);
                    }
                }
                default -> {
                    if (!file.twice(file.deviceSeen, id)) {
                        file.deviceSeen = true;
                        file.device = device(new String(bytes, from, end - from, StandardCharsets.ISO_8859_1));
                    }
                }
            }
        }

        /** A {@code T} field: only the TCP state ({@code ST=}) counts, the last one given. */
        private void state(byte[] bytes, int from, int end) {
            if (file != null && end - from >= STATE.length && Arrays.equals(bytes, from, from + STATE.length, STATE, 0, STATE.length)) {
                file.listening = is(bytes, from, end, LISTEN_STATE);
            }
        }

        void endFile() {
            FileSet ended = file;
            file = null;
            if (ended == null) {
                return;
            }
            if (ended.problem != null) {
                malformed.accept(ended.problem + (ended.name == null ? "" : " (" + shown(ended.name) + ")"));
                return;
            }
            int ipVersion = ended.ipVersion;
            Transport transport = ended.transport;
            if (!process.valid || ended.name == null || ipVersion == 0 || transport == null || ended.name.contains(CONNECTED)
                    || transport == Transport.TCP && !ended.listening) {
                return;
            }
            try {
                socket(ended, transport, ipVersion);
            } catch (IllegalArgumentException e) {
                malformed.accept(e.getMessage());
            }
        }

        private void socket(FileSet ended, Transport transport, int ipVersion) {
            int colon = ended.name.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("name without a port '" + shown(ended.name) + "'");
            }
            String host = ended.name.substring(0, colon);
            String portText = ended.name.substring(colon + 1);
            if (portText.equals(WILDCARD)) {
                return; // A UDP socket bound to no port yet listens on nothing.
            }
            int port = port(portText, ended.name);
            String address = host.equals(WILDCARD) ? wildcard(ipVersion) : canonical.get(host);
            if (address == null) {
                address = address(host, ended.name);
                if (canonical.size() < MAX_CACHED_ADDRESSES) {
                    canonical.put(host, address);
                }
            }
            sockets.add(new LsofSocket(process.pid, process.command, process.uid, process.login, transport, address, port, ipVersion,
                    ended.device));
        }

        private static int port(String text, String name) {
            if (text.isEmpty() || text.length() > 5) {
                throw new IllegalArgumentException("port is not a number '" + shown(name) + "'");
            }
            int port = 0;
            for (int i = 0; i < text.length(); i++) {
                char digit = text.charAt(i);
                if (digit < '0' || digit > '9') {
                    throw new IllegalArgumentException("port is not a number '" + shown(name) + "'");
                }
                port = port * 10 + digit - '0';
            }
            if (port > 65_535) {
                throw new IllegalArgumentException("port out of range '" + shown(name) + "'");
            }
            return port;
        }

        private static String wildcard(int ipVersion) {
            return ipVersion == 4 ? "0.0.0.0" : "::";
        }

        private static String address(String host, String name) {
            String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            int zone = literal.indexOf('%');
            if (zone >= 0) {
                literal = literal.substring(0, zone); // fe80::1%lo0: the scope is the interface's, not part of the address
            }
            return Addresses.canonical(literal)
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address '" + shown(name) + "'"));
        }

        /** Decimal (Linux's inode) or {@code 0x} hex (macOS's kernel handle, 64 bits); null when neither. */
        private static Long device(String text) {
            if (text == null) {
                return null;
            }
            try {
                return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static String shown(String text) {
            return ControlCharacters.escapeAndCut(text, ContractLimits.ADDRESS * 2);
        }
    }
}
