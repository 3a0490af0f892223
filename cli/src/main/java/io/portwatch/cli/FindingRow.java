package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One finding as a table row: severity, state, host, asset (the machine), transport/port, service, rule, title. A fleet
 * finding ({@code probe-silent}, {@code probe-impersonation}) has no listener: its port is {@code -}.
 */
final class FindingRow {

    static final String HEADER = Terminal.pad("SEVERITY", 8) + "  " + Terminal.pad("STATE", 12) + "  " + Terminal.pad("HOST", 24)
            + "  " + Terminal.pad("ASSET", 20) + "  " + Terminal.pad("PORT", 10) + "  " + Terminal.pad("SERVICE", 16) + "  "
            + Terminal.pad("RULE", 24) + "  TITLE";

    private FindingRow() {
    }

    static String of(JsonNode finding, String state) {
        JsonNode listener = finding.path("listener");
        String port = listener.isObject() ? listener.path("transport").asText() + "/" + listener.path("port").asText() : "-";
        return Terminal.severity(finding.path("severity").asText()) + "  " + Terminal.state(state, 12) + "  "
                + Terminal.pad(finding.path("host").path("id").asText(), 24) + "  "
                + Terminal.pad(finding.path("asset").asText(finding.path("host").path("id").asText()), 20) + "  "
                + Terminal.pad(port, 10) + "  "
                + Terminal.pad(finding.path("knowledge").path("serviceName").asText("-"), 16) + "  "
                + Terminal.pad(finding.path("rule").asText(), 24) + "  " + Terminal.safe(finding.path("title").asText());
    }
}
