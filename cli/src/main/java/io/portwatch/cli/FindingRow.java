package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** One finding as a table row: severity, state, host, transport/port, service, rule, title. */
final class FindingRow {

    static final String HEADER = Terminal.pad("SEVERITY", 8) + "  " + Terminal.pad("STATE", 12) + "  " + Terminal.pad("HOST", 24)
            + "  " + Terminal.pad("PORT", 10) + "  " + Terminal.pad("SERVICE", 16) + "  " + Terminal.pad("RULE", 24) + "  TITLE";

    private FindingRow() {
    }

    static String of(JsonNode finding, String state) {
        JsonNode listener = finding.path("listener");
        return Terminal.severity(finding.path("severity").asText()) + "  " + Terminal.pad(state, 12) + "  "
                + Terminal.pad(finding.path("host").path("id").asText(), 24) + "  "
                + Terminal.pad(listener.path("transport").asText() + "/" + listener.path("port").asText(), 10) + "  "
                + Terminal.pad(finding.path("knowledge").path("serviceName").asText("-"), 16) + "  "
                + Terminal.pad(finding.path("rule").asText(), 24) + "  " + Terminal.safe(finding.path("title").asText());
    }
}
