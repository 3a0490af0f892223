package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An analyst's commands against a stand-in alert-service on loopback: {@code findings ack|suppress|resolve ID --reason}
 * and {@code suppressions list|create|delete} send what the API takes, with the token, and print what it answers
 * escaped; refusals keep their exit codes.
 */
class AnalystCommandsTest {

    private LoopbackServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void eachActionPostsTheReasonToItsEndpointAndPrintsTheFindingAsItNowIs() throws Exception {
        FindingEvent finding = Findings.open("plaintext-admin", Severity.HIGH, "mac-1", Transport.TCP, 311, "Plaintext admin");
        server = LoopbackServer.answering(200, EventJson.mapper().valueToTree(finding).toString());
        FindingsCommand findings = command();

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(findings.acknowledge("f/1 x", "ticket SEC-42", OutputOptions.of(OutputFormat.TABLE))).isEqualTo(ExitCodes.OK);
            assertThat(findings.suppress("f1", "accepted risk", OutputOptions.of(OutputFormat.JSON))).isEqualTo(ExitCodes.OK);
            assertThat(findings.resolve("f1", "closed the port", OutputOptions.of(OutputFormat.TABLE))).isEqualTo(ExitCodes.OK);

            assertThat(console.out()).contains("SEVERITY", "mac-1", "Plaintext admin", "\"findingId\" : \"plaintext-admin/311\"");
        }
        List<LoopbackServer.Request> requests = server.requests();
        assertThat(requests).extracting(LoopbackServer.Request::method).containsOnly("POST");
        assertThat(requests).extracting(request -> request.uri().getRawPath()).containsExactly(
                "/api/v1/findings/f%2F1%20x/acknowledge", "/api/v1/findings/f1/suppress", "/api/v1/findings/f1/resolve");
        assertThat(requests).extracting(LoopbackServer.Request::authorization).containsOnly("Bearer test-token");
        assertThat(EventJson.mapper().readTree(requests.get(0).body()).path("reason").asText()).isEqualTo("ticket SEC-42");
    }

    @Test
    void aRefusedActionSaysWhyEscapedAndAnUnknownFindingIsNotFound() {
        server = LoopbackServer.answering(409, "{\"detail\": \"RESOLVED -> ACKNOWLEDGED is not allowed\\u001b[2K\"}");
        assertThatThrownBy(() -> command().acknowledge("f1", "why", OutputOptions.of(OutputFormat.TABLE)))
                .isInstanceOf(CliFailure.class)
                .hasMessageContaining("RESOLVED -> ACKNOWLEDGED is not allowed\\x1B[2K")
                .satisfies(failure -> assertThat(((CliFailure) failure).exitCode()).isEqualTo(ExitCodes.UNAVAILABLE));
        server.close();

        server = LoopbackServer.answering(404, "{\"detail\": \"no finding\"}");
        assertThatThrownBy(() -> command().resolve("gone", "why", OutputOptions.of(OutputFormat.TABLE)))
                .isInstanceOf(CliFailure.class)
                .satisfies(failure -> assertThat(((CliFailure) failure).exitCode()).isEqualTo(ExitCodes.NOT_FOUND));
    }

    @Test
    void actionsNeedAToken() {
        server = LoopbackServer.answering(200, "{}");
        FindingActions anonymous = new FindingActions(new Http(), server.config().withoutToken());

        assertThatThrownBy(() -> anonymous.act("f1", FindingActions.Action.ACKNOWLEDGE, "why", OutputFormat.TABLE))
                .isInstanceOf(CliFailure.class).hasMessageContaining("PORTWATCH_TOKEN")
                .satisfies(failure -> assertThat(((CliFailure) failure).exitCode()).isEqualTo(ExitCodes.USAGE));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void suppressionsAreListedEscapedCreatedAndDeleted() throws Exception {
        String policy = "{\"id\": 7, \"rule\": \"plaintext-admin\", \"transport\": \"tcp\", \"port\": 311, \"hostPattern\": \"mac-*\","
                + " \"process\": null, \"reason\": \"lab\\u001b[8m\", \"createdBy\": \"dana\", \"createdAt\": \"2026-12-01T08:00:00Z\"}";
        server = LoopbackServer.answering(request -> switch (request.method()) {
            case "GET" -> new LoopbackServer.Answer(200, "[" + policy + "]");
            case "POST" -> new LoopbackServer.Answer(201, "{\"policy\": " + policy + ", \"suppressed\": 3}");
            default -> new LoopbackServer.Answer(request.uri().getPath().endsWith("/7") ? 204 : 404, "");
        });
        SuppressionsCommand suppressions = new SuppressionsCommand(new Http(), server.config());

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(suppressions.list(OutputOptions.of(OutputFormat.TABLE))).isEqualTo(ExitCodes.OK);
            assertThat(suppressions.create("plaintext-admin", "tcp", 311, "mac-*", null, "lab", OutputOptions.of(OutputFormat.TABLE)))
                    .isEqualTo(ExitCodes.OK);
            assertThat(suppressions.delete(7)).isEqualTo(ExitCodes.OK);
            assertThat(suppressions.delete(8)).isEqualTo(ExitCodes.NOT_FOUND);

            List<String> lines = console.out().lines().toList();
            assertThat(lines.get(0)).contains("ID", "RULE", "PORT", "HOSTS", "PROCESS", "BY", "REASON");
            assertThat(lines.get(1)).contains("7", "plaintext-admin", "tcp/311", "mac-*", "dana", "lab\\x1B[8m").doesNotContain("\u001b");
            assertThat(console.out()).contains("policy 7 suppressed 3 active findings now", "deleted suppression policy 7");
            assertThat(console.err()).contains("no suppression policy 8");
        }
        List<LoopbackServer.Request> requests = server.requests();
        assertThat(requests).extracting(LoopbackServer.Request::method).containsExactly("GET", "POST", "DELETE", "DELETE");
        JsonNode created = EventJson.mapper().readTree(requests.get(1).body());
        assertThat(created.path("rule").asText()).isEqualTo("plaintext-admin");
        assertThat(created.path("port").asInt()).isEqualTo(311);
        assertThat(created.path("hostPattern").asText()).isEqualTo("mac-*");
        assertThat(created.path("reason").asText()).isEqualTo("lab");
        assertThat(requests.get(2).uri().getPath()).isEqualTo("/api/v1/suppressions/7");
        assertThat(requests.subList(1, 4)).extracting(LoopbackServer.Request::authorization).containsOnly("Bearer test-token");
    }

    @Test
    void noSuppressionsIsNotFoundInEveryFormat() {
        server = LoopbackServer.answering(200, "[]");
        SuppressionsCommand suppressions = new SuppressionsCommand(new Http(), server.config());
        try (ConsoleCapture console = new ConsoleCapture()) {
            for (OutputFormat format : OutputFormat.values()) {
                assertThat(suppressions.list(OutputOptions.of(format))).as(format.name()).isEqualTo(ExitCodes.NOT_FOUND);
            }
            assertThat(console.out()).contains("no suppression policies", "[ ]");
        }
    }

    private FindingsCommand command() {
        return new FindingsCommand(new Http(), server.config(), new FindingActions(new Http(), server.config()));
    }
}
