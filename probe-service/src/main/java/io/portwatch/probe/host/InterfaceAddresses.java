package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.listener.Addresses;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The addresses of a network namespace's interfaces, read from the kernel through one of its processes, as
 * {@code ip addr} shows them: IPv4 from {@code /proc/<pid>/net/fib_trie} (each {@code /32 host LOCAL} leaf is an
 * address of the namespace) and IPv6 from {@code /proc/<pid>/net/if_inet6}. Loopback, link-local and unspecified
 * addresses name no machine and are left out. Written canonically ({@link Addresses}), sorted, at most
 * {@link ContractLimits#ADDRESSES}. Kernel files, but read bounded all the same: lines of at most
 * {@value #MAX_LINE} characters (longer ones skipped) and {@value #MAX_CHARS} characters in all (a router's full
 * table is cut there).
 */
final class InterfaceAddresses {

    static final int MAX_LINE = 256;
    static final int MAX_CHARS = 64 * 1024 * 1024;
    private static final int IF_INET6_HEX_DIGITS = 32;
    /** Addresses kept from one file before filtering: far more than any namespace has, and bounded all the same. */
    private static final int MAX_FOUND = 4 * ContractLimits.ADDRESSES;

    private InterfaceAddresses() {
    }

    /** The namespace's addresses, through this process directory; none from a file that cannot be read. */
    static List<String> read(Path processDirectory) {
        FibTrie ipv4 = new FibTrie();
        IfInet6 ipv6 = new IfInet6();
        readLines(processDirectory.resolve("net").resolve("fib_trie"), ipv4);
        readLines(processDirectory.resolve("net").resolve("if_inet6"), ipv6);
        List<String> addresses = new ArrayList<>(ipv4.found);
        addresses.addAll(ipv6.found);
        return named(addresses);
    }

    /** This machine's addresses as the JVM sees its interfaces: for systems without a proc filesystem (macOS). */
    static List<String> ofThisMachine() {
        try {
            return named(NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses).map(Addresses::canonical).toList());
        } catch (SocketException e) {
            return List.of();
        }
    }

    /** The local IPv4 addresses of a fib_trie text: each leaf ({@code |-- a.b.c.d}) followed by {@code /32 host LOCAL}. */
    static List<String> fibTrie(List<String> lines) {
        FibTrie parser = new FibTrie();
        lines.forEach(parser);
        return named(List.copyOf(parser.found));
    }

    /** The IPv6 addresses of an if_inet6 text: 32 hex digits in network order, then index, prefix, scope, flags, name. */
    static List<String> ifInet6(List<String> lines) {
        IfInet6 parser = new IfInet6();
        lines.forEach(parser);
        return named(List.copyOf(parser.found));
    }

    /** Reads fib_trie a line at a time, keeping the leaf each {@code /32 host LOCAL} line belongs to. */
    private static final class FibTrie implements Consumer<String> {

        private static final Pattern LOCAL = Pattern.compile("/32 host LOCAL( .*)?");
        private final Set<String> found = new LinkedHashSet<>();
        private String leaf;

        @Override
        public void accept(String line) {
            String text = line.strip();
            if (text.startsWith("|-- ")) {
                leaf = text.substring(4).strip();
            } else if (leaf != null && LOCAL.matcher(text).matches()) {
                Addresses.canonical(leaf).filter(address -> address.indexOf(':') < 0 && found.size() < MAX_FOUND).ifPresent(found::add);
            } else if (!text.startsWith("/")) {
                leaf = null;
            }
        }
    }

    /** Reads if_inet6 a line at a time. */
    private static final class IfInet6 implements Consumer<String> {

        private final Set<String> found = new LinkedHashSet<>();

        @Override
        public void accept(String line) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 6 || fields[0].length() != IF_INET6_HEX_DIGITS || found.size() >= MAX_FOUND) {
                return;
            }
            byte[] bytes = new byte[IF_INET6_HEX_DIGITS / 2];
            for (int i = 0; i < bytes.length; i++) {
                int high = Character.digit(fields[0].charAt(2 * i), 16);
                int low = Character.digit(fields[0].charAt(2 * i + 1), 16);
                if (high < 0 || low < 0) {
                    return;
                }
                bytes[i] = (byte) (high << 4 | low);
            }
            found.add(canonical(bytes));
        }
    }

    /** Those that name a machine: not loopback, link-local, unspecified or multicast. */
    private static List<String> named(List<String> addresses) {
        return addresses.stream().distinct().sorted().filter(address -> {
            InetAddress parsed = Addresses.parse(address);
            return !parsed.isLoopbackAddress() && !parsed.isLinkLocalAddress() && !parsed.isAnyLocalAddress()
                    && !parsed.isMulticastAddress();
        }).limit(ContractLimits.ADDRESSES).toList();
    }

    private static String canonical(byte[] bytes) {
        try {
            return Addresses.canonical(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }

    /** Hands the file's lines within the bounds to the parser; none when it cannot be read (gone, or not ours). */
    private static void readLines(Path file, Consumer<String> parser) {
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.US_ASCII)) {
            readBounded(reader, parser);
        } catch (IOException | SecurityException e) {
            // A namespace whose last process exited meanwhile, or a kernel without IPv6: no addresses from it.
        }
    }

    /** Lines of at most {@value #MAX_LINE} characters (longer ones skipped whole), up to {@value #MAX_CHARS} characters read. */
    static void readBounded(Reader reader, Consumer<String> line) throws IOException {
        char[] buffer = new char[8192];
        StringBuilder current = new StringBuilder();
        boolean tooLong = false;
        long read = 0;
        int count;
        while (read < MAX_CHARS && (count = reader.read(buffer, 0, (int) Math.min(buffer.length, MAX_CHARS - read))) > 0) {
            read += count;
            for (int i = 0; i < count; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    if (!tooLong) {
                        line.accept(current.toString());
                    }
                    current.setLength(0);
                    tooLong = false;
                } else if (current.length() < MAX_LINE) {
                    current.append(c);
                } else {
                    tooLong = true;
                }
            }
        }
        if (!tooLong && !current.isEmpty() && read < MAX_CHARS) {
            line.accept(current.toString());
        }
    }
}
