package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code portwatch findings} in every format against a stand-in alert-service on loopback: tables sized to their content
 * (a host id is never cut), every page by the API's cursor, JSON, YAML and CSV carrying the same findings with control
 * characters escaped, and the same exit codes whatever the format.
 */
class ListingFormatsTest {

    private static final String LONG_HOST = "h".repeat(120) + "-end-of-a-long-host-id";
    private static final String HOSTILE_TITLE = "owned by a\u001b[2K\u001b[8m\u009b2J\u202e";

    private LoopbackServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void tableColumnsAreSizedToTheirContentAndAHostIdIsNeverCut() {
        serve(page(null, finding("mac-1", "Reflector"), finding(LONG_HOST, "Plaintext admin")));

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(findings(OutputFormat.TABLE).call()).isEqualTo(ExitCodes.OK);

            List<String> lines = console.out().lines().toList();
            assertThat(lines.get(2)).contains(LONG_HOST);
            int ruleColumn = lines.get(0).indexOf("RULE");
            assertThat(lines.get(1).indexOf("plaintext-admin")).isEqualTo(ruleColumn);
            assertThat(lines.get(2).indexOf("plaintext-admin")).isEqualTo(ruleColumn);
            assertThat(lines.get(0)).doesNotContain("FIRST SEEN", "PROCESS");
            assertThat(lines.get(3)).isEqualTo("2 of 2 findings");
        }
    }

    @Test
    void wideShowsEveryColumn() {
        serve(page(null, finding("mac-1", "Reflector")));

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(findings(OutputFormat.WIDE).call()).isEqualTo(ExitCodes.OK);

            assertThat(console.out().lines().findFirst().orElseThrow()).contains("ID", "ZONE", "ADDRESS", "PROCESS", "FIRST SEEN",
                    "LAST SEEN", "VERSION", "TITLE");
            assertThat(console.out().lines().toList().get(1)).contains("plaintext-admin/311", "0.0.0.0");
        }
    }

    @Test
    void jsonAndYamlAreTheApiPageWithControlsEscaped() throws Exception {
        String page = page(null, finding("mac-1", HOSTILE_TITLE));
        serve(page);
        JsonNode expected = EventJson.mapper().readTree(page);

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(findings(OutputFormat.JSON).call()).isEqualTo(ExitCodes.OK);
            assertThat(EventJson.mapper().readTree(console.out())).isEqualTo(expected);
            assertThat(console.out()).doesNotContain("\u001b", "\u009b", "\u202e");
        }
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(findings(OutputFormat.YAML).call()).isEqualTo(ExitCodes.OK);
            assertThat(new YAMLMapper().readTree(console.out())).isEqualTo(expected);
            assertThat(console.out()).contains("totalItems: 1").doesNotContain("\u001b", "\u009b", "\u202e");
        }
    }

    @Test
    void csvHasEveryColumnWithCellsSafeToPrintAndInertInASpreadsheet() {
        serve(page(null, finding("mac-1", "=HYPERLINK(\"http://198.51.100.1\")"), finding("mac-2", HOSTILE_TITLE)));

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(findings(OutputFormat.CSV).call()).isEqualTo(ExitCodes.OK);

            List<String> lines = console.out().lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).isEqualTo("SEVERITY,STATE,HOST,ASSET,PORT,SERVICE,RULE,ID,ZONE,ADDRESS,PROCESS,\"FIRST SEEN\",\"LAST SEEN\","
                    + "VERSION,TITLE");
            assertThat(lines.get(1)).contains(",mac-1,", "'=HYPERLINK").doesNotContain(",=HYPERLINK");
            assertThat(lines.get(2)).contains("owned by a\\x1B[2K\\x1B[8m\\x9B2J\\u202E").doesNotContain("\u001b", "\u009b", "\u202e");
        }
    }

    @Test
    void allFollowsTheCursorToTheLastPageAndOnePageSaysWhereTheNextStarts() throws Exception {
        String first = page("c2", finding("mac-1", "first"));
        String second = page(null, finding("mac-2", "second"));
        server = LoopbackServer.answering(request -> new LoopbackServer.Answer(200,
                request.uri().getRawQuery().contains("cursor=c2") ? second : first));

        FindingsCommand all = findings(OutputFormat.JSON);
        all.all = true;
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(all.call()).isEqualTo(ExitCodes.OK);
            JsonNode merged = EventJson.mapper().readTree(console.out());
            assertThat(merged.path("items").findValuesAsText("title")).containsExactly("first", "second");
            assertThat(merged.path("nextCursor").isNull()).isTrue();
        }
        assertThat(server.requests()).extracting(request -> request.uri().getRawQuery())
                .containsExactly("limit=100", "limit=100&cursor=c2");

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(findings(OutputFormat.TABLE).call()).isEqualTo(ExitCodes.OK);
            assertThat(console.out()).contains("first", "1 of 2 findings; next page: --cursor c2").doesNotContain("second");
        }
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void exitCodesAreTheSameInEveryFormat(OutputFormat format) {
        serve(page(null));
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(findings(format).call()).isEqualTo(ExitCodes.NOT_FOUND);
        }
        server.close();

        serve(page(null, finding("mac-1", "one")));
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(findings(format).call()).isEqualTo(ExitCodes.OK);
        }
        server.close();

        server = LoopbackServer.answering(400, "{\"detail\": \"severity 'BOGUS' is not one of [INFO]\"}");
        assertThatThrownBy(() -> findings(format).call()).isInstanceOf(CliFailure.class)
                .satisfies(failure -> assertThat(((CliFailure) failure).exitCode()).isEqualTo(ExitCodes.USAGE));
        server.close();

        FindingsCommand unreachable = new FindingsCommand(new Http(), new TestConfig("http://127.0.0.1:9", "127.0.0.1:9"), null);
        unreachable.output = OutputOptions.of(format);
        assertThatThrownBy(unreachable::call).isInstanceOf(CliFailure.class)
                .satisfies(failure -> assertThat(((CliFailure) failure).exitCode()).isEqualTo(ExitCodes.UNAVAILABLE));
    }

    @Test
    void theJsonFlagIsTheJsonFormat() {
        OutputOptions options = new OutputOptions();
        options.json = true;
        assertThat(options.format()).isEqualTo(OutputFormat.JSON);
    }

    private FindingsCommand findings(OutputFormat format) {
        FindingsCommand command = new FindingsCommand(new Http(), server.config(), new FindingActions(new Http(), server.config()));
        command.limit = 100;
        command.output = OutputOptions.of(format);
        return command;
    }

    private void serve(String body) {
        server = LoopbackServer.answering(200, body);
    }

    /** A search page of these findings, with this next cursor. */
    private static String page(String nextCursor, JsonNode... findings) {
        ObjectNode page = EventJson.mapper().createObjectNode();
        page.putArray("items").addAll(List.of(findings));
        page.put("nextCursor", nextCursor);
        page.put("totalItems", findings.length + (nextCursor == null ? 0 : 1));
        return page.toString();
    }

    private static JsonNode finding(String host, String title) {
        FindingEvent finding = Findings.open("plaintext-admin", Severity.HIGH, host, Transport.TCP, 311, title);
        return EventJson.mapper().valueToTree(finding);
    }
}
