package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.function.Function;

/**
 * A finding's columns: severity, state, host, asset (the machine), transport/port, service, rule, then (wide) id, zone,
 * address, process, first and last seen, version, and the title last. A fleet finding ({@code probe-silent},
 * {@code probe-impersonation}) has no listener: its port is {@code -}.
 */
final class FindingColumns {

    /** The widths {@code alerts} starts its columns at (a stream cannot size them to content; longer cells are never cut). */
    static final int[] STREAM_WIDTHS = {8, 12, 24, 20, 10, 16, 24, 0};

    private FindingColumns() {
    }

    /** The columns, with the state column showing {@code state} (a finding's state, or the change an alert reports). */
    static List<Column> of(Function<JsonNode, String> state) {
        return List.of(
                Column.of("SEVERITY", finding -> Column.field(finding.path("severity"))).styled(Terminal::severity),
                Column.of("STATE", state).styled(Terminal::state),
                Column.of("HOST", finding -> Column.field(finding.path("host").path("id"))),
                Column.of("ASSET", finding -> Column.field(finding.hasNonNull("asset") ? finding.get("asset") : finding.path("host").path("id"))),
                Column.of("PORT", FindingColumns::port),
                Column.of("SERVICE", finding -> Column.field(finding.path("knowledge").path("serviceName"))),
                Column.of("RULE", finding -> Column.field(finding.path("rule"))),
                Column.wide("ID", finding -> Column.field(finding.path("findingId"))),
                Column.wide("ZONE", finding -> Column.field(finding.path("zone"))),
                Column.wide("ADDRESS", finding -> Column.field(finding.path("listener").path("address"))),
                Column.wide("PROCESS", finding -> Column.field(finding.path("listener").path("process").path("exe"))),
                Column.wide("FIRST SEEN", finding -> Column.field(finding.path("firstSeen"))),
                Column.wide("LAST SEEN", finding -> Column.field(finding.path("lastSeen"))),
                Column.wide("VERSION", finding -> Column.field(finding.path("version"))),
                Column.of("TITLE", finding -> Column.field(finding.path("title"))));
    }

    /** The columns of a listing of findings, showing each one's state. */
    static List<Column> listing() {
        return of(finding -> Column.field(finding.path("state")));
    }

    /** The header of a stream of finding changes ({@code alerts}). */
    static String streamHeader() {
        return Table.header(Table.narrow(of(finding -> null)), STREAM_WIDTHS);
    }

    /** One finding change of a stream as a row, its state column showing the change ({@code opened}, {@code resolved}, ...). */
    static String streamRow(JsonNode finding, String change) {
        return Table.line(Table.narrow(of(row -> change)), STREAM_WIDTHS, finding);
    }

    private static String port(JsonNode finding) {
        JsonNode listener = finding.path("listener");
        return listener.isObject() ? listener.path("transport").asText() + "/" + listener.path("port").asText() : null;
    }
}
