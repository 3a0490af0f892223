package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whatever a service or a record says, what the CLI prints cannot drive the terminal: ESC, BEL, C1 controls and
 * bidirectional overrides are escaped in tables, detail views, scan results and error messages, and --json stays
 * the same JSON with those characters escaped. Services are stood in for by an HTTP server on loopback.
 */
class TerminalOutputTest {

    /** Erases the line and hides what follows: the process name. */
    private static final String ERASE_AND_HIDE = "a\u001b[2K\u001b[8m";

    private LoopbackServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void findingRowEscapesEveryCell() {
        JsonNode finding = EventJson.mapper().valueToTree(Findings.open("unexpected-process", Severity.MEDIUM, ERASE_AND_HIDE,
                Transport.TCP, 3031, "owned by " + ERASE_AND_HIDE + "\u202e"));

        String row = FindingColumns.streamRow(finding, "opened");

        assertThat(row).contains("a\\x1B[2K\\x1B[8m", "owned by a\\x1B[2K\\x1B[8m\\u202E").doesNotContain("\u001b", "\u202e");
    }

    @Test
    void jsonOutputEscapesC1AndBidiControlsAndStaysTheSameJson() throws IOException {
        ObjectNode node = EventJson.mapper().createObjectNode().put("name", "a\u001b[2K\u009b2J\u007f\u202e ünïcode");

        String json = JsonOutput.pretty(node);

        assertThat(json).contains("\\u001B[2K\\u009B2J\\u007F\\u202E ünïcode").doesNotContain("\u001b", "\u009b", "\u007f", "\u202e");
        assertThat(EventJson.mapper().readTree(json)).isEqualTo(node);
        assertThat(EventJson.mapper().readTree(JsonOutput.line(node))).isEqualTo(node);
    }

    @Test
    void lookupEscapesWhatTheRegistrySays() throws IOException {
        serve(200, "[{\"transport\": \"tcp\", \"port\": 3031, \"serviceName\": \"" + json(ERASE_AND_HIDE)
                + "\", \"status\": \"ACTIVE\", \"risk\": \"HIGH\", \"range\": \"REGISTERED\", \"description\": \"bell\\u0007\","
                + " \"aliases\": [\"x\\u009b\"]}]");
        LookupCommand lookup = new LookupCommand(new Http(), config());
        lookup.query = "3031";

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(lookup.call()).isEqualTo(ExitCodes.OK);

            assertThat(console.out()).contains("a\\x1B[2K\\x1B[8m", "bell\\x07", "x\\x9B").doesNotContain("\u001b[2K", "\u0007", "\u009b");
        }
    }

    @Test
    void errorDetailFromAServerIsEscaped() throws IOException {
        serve(500, "{\"detail\": \"down\\u001b]0;pwned\\u0007\"}");
        LookupCommand lookup = new LookupCommand(new Http(), config());
        lookup.query = "3031";

        assertThatThrownBy(lookup::call).isInstanceOf(CliFailure.class)
                .hasMessageContaining("down\\x1B]0;pwned\\x07").message().doesNotContain("\u001b", "\u0007");
    }

    @Test
    void scanEscapesTheServerHeaderAndBannerAServiceSent() throws Exception {
        serve(200, "{\"id\": \"s1\", \"state\": \"DONE\", \"probed\": 1, \"results\": [{\"address\": \"127.0.0.1\", \"listeners\": [{"
                + "\"transport\": \"tcp\", \"port\": 311, \"evidence\": {\"kind\": \"http\", \"httpStatus\": 401,"
                + " \"httpServer\": \"pw\\u001b[2K\\u0007x\", \"banner\": \"\\u001b[8mhidden\"}}]}]}");
        ScanCommand scan = new ScanCommand(new Http(), config());
        scan.targets = List.of("127.0.0.1");
        scan.ports = "311";
        scan.transports = List.of("tcp");
        scan.timeoutSeconds = 10;

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(scan.call()).isEqualTo(ExitCodes.OK);

            assertThat(console.out()).contains("server \"pw\\x1B[2K\\x07x\"", "banner \"\\x1B[8mhidden\"").doesNotContain("\u001b", "\u0007");
        }
    }

    private TestConfig config() {
        return server.config();
    }

    /** Answers every request with this status and JSON body. */
    private void serve(int status, String body) {
        server = LoopbackServer.answering(status, body);
    }

    private static String json(String text) {
        String quoted = EventJson.mapper().valueToTree(text).toString();
        return quoted.substring(1, quoted.length() - 1);
    }
}
