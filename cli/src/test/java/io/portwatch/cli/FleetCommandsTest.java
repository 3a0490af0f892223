package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.portwatch.events.Topics;
import io.portwatch.events.contract.FindingChangeRecord;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.MalformedEventException;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fleet in the CLI: {@code probes} and {@code assets} against a stand-in alert-service on loopback, the asset
 * column and filter of findings, STALE and fleet findings (no listener) in tables and alerts, every server text
 * escaped, and the bearer token sent with reads when one is set.
 */
class FleetCommandsTest {

    private static final String ERASE_AND_HIDE = "a\u001b[2K\u001b[8m";

    private LoopbackServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void probesListsStatusLastHeartbeatAndLagWithTheToken() {
        server = LoopbackServer.answering(200, "{\"items\": [{\"probeId\": \"p-1\", \"node\": \"node-a\", \"mode\": \"HOST\", \"zone\": \"lab\","
                + " \"status\": \"SILENT\", \"lastHeartbeat\": \"2026-11-30T19:00:00Z\", \"heartbeatLagSeconds\": 125},"
                + " {\"probeId\": \"p-2\", \"node\": \"" + escapedJson(ERASE_AND_HIDE) + "\", \"mode\": \"NETWORK\", \"zone\": null,"
                + " \"status\": \"ACTIVE\", \"lastHeartbeat\": null, \"heartbeatLagSeconds\": null}], \"totalItems\": 2}");
        ProbesCommand probes = new ProbesCommand(new Http(), server.config());
        probes.size = 50;

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(probes.call()).isEqualTo(ExitCodes.OK);

            List<String> lines = console.out().lines().toList();
            assertThat(lines.get(0)).contains("ID", "NODE", "MODE", "ZONE", "STATUS", "LAST HEARTBEAT", "LAG");
            assertThat(lines.get(1)).contains("p-1", "node-a", "HOST", "lab", "SILENT", "2026-11-30T19:00:00Z", "125 s");
            assertThat(lines.get(2)).contains("p-2", "a\\x1B[2K\\x1B[8m", "NETWORK", "ACTIVE", "never").endsWith("-");
            assertThat(console.out()).doesNotContain("\u001b[2K");
        }
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.uri().toString()).isEqualTo("/api/v1/probes?size=50&page=0");
            assertThat(request.authorization()).isEqualTo("Bearer test-token");
        });
    }

    @Test
    void readsWithoutATokenSendNone() {
        server = LoopbackServer.answering(200, "{\"items\": [], \"totalItems\": 0}");
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(new ProbesCommand(new Http(), server.config().withoutToken()).call()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(console.out()).contains("no probes enrolled");
        }
        assertThat(server.requests()).singleElement().satisfies(request -> assertThat(request.authorization()).isNull());
    }

    @Test
    void assetsListsOpenFindingsBySeverityHostsAndAddresses() {
        server = LoopbackServer.answering(200, "{\"items\": [{\"id\": \"node-a\", \"names\": [\"a\"], \"hostIds\": [\"node-a\", \"10.1.2.3@lab\"],"
                + " \"addresses\": [{\"address\": \"10.1.2.3\", \"zone\": \"lab\", \"ambiguous\": false},"
                + " {\"address\": \"10.1.2.50\", \"zone\": \"lab\", \"ambiguous\": true}],"
                + " \"openFindings\": {\"CRITICAL\": 1, \"HIGH\": 2, \"MEDIUM\": 0, \"LOW\": 0, \"INFO\": 3}},"
                + " {\"id\": \"" + escapedJson(ERASE_AND_HIDE) + "@lab\", \"names\": [], \"hostIds\": [], \"addresses\": [],"
                + " \"openFindings\": {}}], \"totalItems\": 2}");
        AssetsCommand assets = new AssetsCommand(new Http(), server.config());
        assets.size = 10;

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(assets.call()).isEqualTo(ExitCodes.OK);

            List<String> lines = console.out().lines().toList();
            assertThat(lines.get(1)).contains("node-a", "1/2/0/0/3", "2", "10.1.2.3@lab, 10.1.2.50@lab (shared)");
            assertThat(lines.get(2)).contains("a\\x1B[2K\\x1B[8m@lab", "0/0/0/0/0").doesNotContain("\u001b");
        }
        assertThat(server.requests().get(0).uri().toString()).isEqualTo("/api/v1/assets?size=10&page=0");
        assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer test-token");
    }

    @Test
    void oneAssetIsShownWholeAndAnUnknownOneIsNotFound() {
        server = LoopbackServer.answering(200, "{\"id\": \"::1@lab\", \"names\": [\"" + escapedJson(ERASE_AND_HIDE) + "\"],"
                + " \"hostIds\": [\"::1@lab\"], \"addresses\": [], \"openFindings\": {\"HIGH\": 1}}");
        AssetsCommand assets = new AssetsCommand(new Http(), server.config());
        assets.id = "::1@lab";

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(assets.call()).isEqualTo(ExitCodes.OK);

            assertThat(console.out()).contains("::1@lab  open 0/1/0/0/0", "names      a\\x1B[2K\\x1B[8m", "hosts      ::1@lab",
                    "addresses  -").doesNotContain("\u001b[2K");
        }
        assertThat(server.requests().get(0).uri().getRawPath()).isEqualTo("/api/v1/assets/%3A%3A1%40lab");
        server.close();

        server = LoopbackServer.answering(404, "{\"detail\": \"no asset\"}");
        AssetsCommand unknown = new AssetsCommand(new Http(), server.config());
        unknown.id = "gone\u001b[2K";
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(unknown.call()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(console.err()).contains("no asset gone\\x1B[2K");
        }
    }

    @Test
    void findingsFilterByAssetAndShowItsColumnAndStaleState() {
        FindingEvent stale = withState(Findings.open("legacy-service-exposed", Severity.HIGH, "10.1.2.3@lab", Transport.TCP, 548, "AFP"),
                FindingState.STALE, "node-a");
        server = LoopbackServer.answering(200, "{\"items\": [" + EventJson.mapper().valueToTree(stale) + "], \"totalItems\": 1}");
        FindingsCommand findings = new FindingsCommand(new Http(), server.config(), new FindingActions(new Http(), server.config()));
        findings.asset = "node-a";
        findings.state = "stale";
        findings.limit = 5;

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(findings.call()).isEqualTo(ExitCodes.OK);

            assertThat(console.out().lines().toList().get(0)).contains("HOST", "ASSET", "PORT");
            assertThat(console.out().lines().toList().get(1)).contains("STALE", "10.1.2.3@lab", "node-a", "tcp/548");
        }
        assertThat(server.requests().get(0).uri().getRawQuery()).isEqualTo("limit=5&state=STALE&asset=node-a");
        assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer test-token");
    }

    @Test
    void aFleetFindingWithoutAListenerIsAFindingChangeAndItsRowHasNoPort() {
        FindingEvent silent = new FindingEvent("f-silent", "probe-silent", Severity.HIGH, FindingState.OPEN,
                new HostInfo("node-a", "node-a", List.of()), "lab", "node-a", new ProbeInfo("p-1", "lab", ProbeMode.HOST), null, null,
                "Probe p-1 is silent", "no heartbeat", "restart it", List.of(), Instant.now(), Instant.now(), 1);

        FindingRecord read = FindingRecord.read(record(EventJson.toBytes(silent), "portwatch.finding.opened"));

        assertThat(read.kind()).isEqualTo("opened");
        assertThat(FindingColumns.streamRow(read.json(), "stale")).contains("stale", "node-a", "probe-silent", "Probe p-1 is silent")
                .containsPattern("node-a\\s+-\\s+-");
    }

    @Test
    void anAssetWithAControlCharacterIsNotAFindingChange() {
        FindingEvent forged = withState(Findings.open("legacy-service-exposed", Severity.HIGH, "mac-1", Transport.TCP, 548, "AFP"),
                FindingState.OPEN, "node\u001b[2K");

        assertThatThrownBy(() -> FindingRecord.read(record(EventJson.toBytes(forged), "portwatch.finding.opened")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("asset holds a control character");
    }

    @Test
    void anotherProducersRecordOrAnUnknownTypeIsNotAFindingChange() {
        byte[] finding = EventJson.toBytes(Findings.open("legacy-service-exposed", Severity.HIGH, "mac-1", Transport.TCP, 548, "AFP"));

        assertThatThrownBy(() -> FindingRecord.read(record(finding, "portwatch.finding.opened", "/someone/else")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("another producer's record");
        assertThatThrownBy(() -> FindingRecord.read(record(finding, "portwatch.finding.erased")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not a finding-change type");
    }

    private static FindingEvent withState(FindingEvent finding, FindingState state, String asset) {
        return new FindingEvent(finding.findingId(), finding.rule(), finding.severity(), state, finding.host(), finding.zone(), asset,
                finding.probe(), finding.listener(), finding.knowledge(), finding.title(), finding.description(), finding.remediation(),
                finding.references(), finding.firstSeen(), finding.lastSeen(), finding.version());
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value, String type) {
        return record(value, type, FindingChangeRecord.SOURCE);
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value, String type, String source) {
        RecordHeaders headers = new RecordHeaders();
        new CloudEvent(CloudEvent.SPEC_VERSION, "f@1", source, type, Instant.now(), CloudEvent.JSON).writeTo(headers);
        return new ConsumerRecord<>(Topics.ALERTS, 0, 0, Instant.now().toEpochMilli(), TimestampType.CREATE_TIME, -1, value.length, "f",
                value, headers, Optional.empty());
    }

    private static String escapedJson(String text) {
        JsonNode quoted = EventJson.mapper().valueToTree(text);
        String json = quoted.toString();
        return json.substring(1, json.length() - 1);
    }
}
