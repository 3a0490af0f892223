package io.portwatch.alert.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ProcessInfo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Findings as CSV (RFC 4180, Jackson's CSV writer), one row per finding. Cells are data from watched hosts: a cell
 * that a spreadsheet would run as a formula ({@code = + - @}, tab, carriage return first) is prefixed with {@code '}.
 */
final class FindingCsv {

    /** One row of the export, its columns in this order (CsvMapper would sort them). */
    @JsonPropertyOrder({"findingId", "severity", "state", "rule", "asset", "host", "zone", "transport", "address", "port", "exposure",
        "service", "process", "exe", "user", "title", "firstSeen", "lastSeen", "version"})
    record Row(String findingId, String severity, String state, String rule, String asset, String host, String zone,
            String transport, String address, Integer port, String exposure, String service, String process, String exe,
            String user, String title, String firstSeen, String lastSeen, long version) {
    }

    private static final CsvMapper MAPPER = new CsvMapper();
    private static final CsvSchema SCHEMA = MAPPER.schemaFor(Row.class).withHeader();

    private FindingCsv() {
    }

    static String of(List<FindingEvent> findings) {
        StringWriter out = new StringWriter();
        try (SequenceWriter writer = MAPPER.writer(SCHEMA).writeValues(out)) {
            for (FindingEvent finding : findings) {
                writer.write(row(finding));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a finding did not fit the CSV schema", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Row row(FindingEvent finding) {
        Listener listener = finding.listener();
        ProcessInfo process = listener == null ? null : listener.process();
        return new Row(finding.findingId(), finding.severity().name(), finding.state().name(), cell(finding.rule()),
                cell(finding.asset()), cell(finding.host() == null ? null : finding.host().id()), cell(finding.zone()),
                listener == null ? null : listener.transport().wireName(), cell(listener == null ? null : listener.address()),
                listener == null ? null : listener.port(), listener == null ? null : listener.exposure().name(),
                cell(finding.knowledge() == null ? null : finding.knowledge().serviceName()),
                cell(process == null ? null : process.name()), cell(process == null ? null : process.exe()),
                cell(process == null ? null : process.user()), cell(finding.title()), String.valueOf(finding.firstSeen()),
                String.valueOf(finding.lastSeen()), finding.version());
    }

    /** The text, made inert for spreadsheets. */
    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + text : text;
    }
}
