package io.portwatch.registry.iana;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortRange;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.registry.knowledge.IanaEntry;
import io.portwatch.registry.knowledge.KnowledgeLimits;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses IANA's {@code service-names-port-numbers.csv} with Commons CSV (quoted multi-line fields
 * included). Port ranges ({@code 6000-6063}) expand to every port; a row without a transport applies
 * to tcp and udp; rows without a port (service names only) and Unassigned rows add nothing, since an
 * absent port is unassigned anyway. A UTF-8 byte-order mark in front (as Excel saves a CSV) is skipped. A file
 * beyond {@link IanaLimits}, or whose names, texts and lists break the limits every layer of knowledge keeps
 * ({@link KnowledgeLimits}, control characters included), is refused as a whole, naming the record.
 */
public final class IanaCsvParser {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).get();
    private static final List<Transport> UNSPECIFIED_TRANSPORTS = List.of(Transport.TCP, Transport.UDP);
    private static final int BYTE_ORDER_MARK = '\uFEFF';

    private IanaCsvParser() {
    }

    /**
     * Parses a registry file.
     *
     * @throws IanaFormatException when the file is not IANA's CSV (missing columns, bad port, unknown transport)
     */
    public static IanaRegistry parse(InputStream csv, IanaLimits limits) {
        MessageDigest sha256 = sha256();
        Map<PortKey, Builder> entries = new LinkedHashMap<>();
        int rows = 0;
        int expanded = 0;
        try (Reader reader = withoutByteOrderMark(new InputStreamReader(new DigestInputStream(csv, sha256), StandardCharsets.UTF_8));
             CSVParser parser = FORMAT.parse(reader)) {
            requireColumns(parser);
            for (CSVRecord record : parser) {
                if (++rows > limits.maxRows()) {
                    throw new IanaFormatException("record " + record.getRecordNumber() + ": the file holds more than "
                            + limits.maxRows() + " records (portwatch.registry.iana.max-rows)");
                }
                expanded += addRecord(record, entries, limits, limits.maxExpandedPorts() - expanded);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IanaFormatException("cannot read the IANA registry file: " + e.getMessage(), e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IanaFormatException("not IANA's service-names-port-numbers CSV: " + e.getMessage(), e);
        }
        Map<PortKey, IanaEntry> built = new LinkedHashMap<>();
        entries.forEach((key, builder) -> built.put(key, builder.build()));
        return new IanaRegistry(built, rows, HexFormat.of().formatHex(sha256.digest()));
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(new BufferedReader(reader), 1);
        int first = pushback.read();
        if (first != BYTE_ORDER_MARK && first != -1) {
            pushback.unread(first);
        }
        return pushback;
    }

    private static void requireColumns(CSVParser parser) {
        for (String column : List.of(Column.SERVICE, Column.PORT, Column.TRANSPORT, Column.DESCRIPTION, Column.REFERENCE)) {
            if (!parser.getHeaderMap().containsKey(column)) {
                throw new IanaFormatException("not IANA's service-names-port-numbers CSV: no column '" + column + "'");
            }
        }
    }

    /** Adds a record's transport/ports, at most {@code budget} of them; returns how many it added. */
    private static int addRecord(CSVRecord record, Map<PortKey, Builder> entries, IanaLimits limits, int budget) {
        String portText = record.get(Column.PORT);
        String description = oneLine(record.get(Column.DESCRIPTION));
        if (portText.isEmpty() || description.equalsIgnoreCase("unassigned")) {
            return 0;
        }
        long recordNumber = record.getRecordNumber();
        String name = oneLine(record.get(Column.SERVICE));
        String reference = oneLine(record.get(Column.REFERENCE));
        withinLimits(recordNumber, () -> {
            KnowledgeLimits.name(Column.SERVICE, name);
            KnowledgeLimits.text(Column.DESCRIPTION, description);
            KnowledgeLimits.text(Column.REFERENCE, reference);
        });
        int[] ports = portRange(portText, recordNumber);
        if (ports[1] - ports[0] + 1 > limits.maxPortsPerRow()) {
            throw new IanaFormatException("record " + recordNumber + ": port range '" + portText + "' holds " + (ports[1] - ports[0] + 1)
                    + " ports, more than " + limits.maxPortsPerRow() + " (portwatch.registry.iana.max-ports-per-row)");
        }
        List<Transport> transports = record.get(Column.TRANSPORT).isEmpty()
                ? UNSPECIFIED_TRANSPORTS : List.of(Transport.parse(record.get(Column.TRANSPORT)));
        int expansions = (ports[1] - ports[0] + 1) * transports.size();
        if (expansions > budget) {
            throw new IanaFormatException("record " + recordNumber + ": the file's rows expand to more than " + limits.maxExpandedPorts()
                    + " transport/ports (portwatch.registry.iana.max-expanded-ports)");
        }
        ServiceStatus status = statusOf(name, description);
        for (Transport transport : transports) {
            for (int port = ports[0]; port <= ports[1]; port++) {
                PortKey key = new PortKey(transport, port);
                Builder builder = entries.computeIfAbsent(key, any -> new Builder());
                withinLimits(recordNumber, () -> builder.add(key, name, description, status, reference));
            }
        }
        return expansions;
    }

    private static void withinLimits(long recordNumber, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new IanaFormatException("record " + recordNumber + ": " + e.getMessage(), e);
        }
    }

    private static ServiceStatus statusOf(String name, String description) {
        if (!name.isEmpty()) {
            return ServiceStatus.ACTIVE;
        }
        String lower = description.toLowerCase(Locale.ROOT);
        if (lower.equals("reserved")) {
            return ServiceStatus.RESERVED;
        }
        if (lower.startsWith("de-registered") || lower.startsWith("removed")) {
            return ServiceStatus.UNASSIGNED;
        }
        return ServiceStatus.ACTIVE;
    }

    private static int[] portRange(String text, long recordNumber) {
        int dash = text.indexOf('-');
        try {
            int from = Integer.parseInt(dash < 0 ? text : text.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(text.substring(dash + 1));
            PortRange.requireValid(from);
            PortRange.requireValid(to);
            if (to < from) {
                throw new IllegalArgumentException("range ends before it starts");
            }
            return new int[] {from, to};
        } catch (NumberFormatException e) {
            throw new IanaFormatException("record " + recordNumber + ": port '" + text + "' is not a port or a range", e);
        } catch (IllegalArgumentException e) {
            throw new IanaFormatException("record " + recordNumber + ": port '" + text + "': " + e.getMessage(), e);
        }
    }

    /** Multi-line descriptions read as one line. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static final class Column {
        static final String SERVICE = "Service Name";
        static final String PORT = "Port Number";
        static final String TRANSPORT = "Transport Protocol";
        static final String DESCRIPTION = "Description";
        static final String REFERENCE = "Reference";
    }

    /** Merges the rows of one transport/port: the first name is the service name, later ones aliases. */
    private static final class Builder {
        private String serviceName;
        private final List<String> aliases = new ArrayList<>();
        private String description;
        private ServiceStatus status;
        private final List<String> references = new ArrayList<>();

        void add(PortKey key, String name, String rowDescription, ServiceStatus rowStatus, String reference) {
            if (serviceName == null && !name.isEmpty()) {
                serviceName = name;
                description = rowDescription;
                status = rowStatus;
            } else if (!name.isEmpty() && !name.equals(serviceName) && !aliases.contains(name)) {
                aliases.add(name);
            }
            if (description == null) {
                description = rowDescription;
                status = rowStatus;
            }
            if (!reference.isEmpty() && !references.contains(reference)) {
                references.add(reference);
            }
            KnowledgeLimits.count("the aliases of " + key, aliases.size());
            KnowledgeLimits.count("the references of " + key, references.size());
        }

        IanaEntry build() {
            return new IanaEntry(serviceName, aliases, description, status, references);
        }
    }
}
