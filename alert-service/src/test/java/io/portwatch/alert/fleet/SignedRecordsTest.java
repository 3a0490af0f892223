package io.portwatch.alert.fleet;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.TestProbe;
import io.portwatch.alert.Tokens;
import io.portwatch.events.Topics;
import io.portwatch.events.contract.DeadLetterHeaders;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.fleet.RecordSignature;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.testing.TopicReader;
import io.portwatch.testing.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Signed listener records through the real topics: admitted when the signing probe may speak for the host, else
 * dead-lettered with the reason of docs/fleet.md's table, and an impersonation raises {@code probe-impersonation}
 * against the signer while the impersonated host's findings stay as they were.
 */
@QuarkusTest
class SignedRecordsTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final String RULE = "legacy-service-exposed";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Listener EXPOSED = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private AlertFlow flow;
    private TopicWriter writer;
    private TopicReader dlq;

    @BeforeEach
    void knowledgeIsPublished() {
        flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
        writer = new TopicWriter(bootstrapServers);
        dlq = new TopicReader(bootstrapServers, Topics.LISTENERS_DLQ);
    }

    @AfterEach
    void close() {
        flow.close();
        writer.close();
        dlq.close();
    }

    @Test
    void aRecordSignedByTheProbeOfItsHostIsAdmittedAndNamesTheProbe() {
        TestProbe probe = TestProbe.host(TestProbe.uniqueNode("signed"));
        probe.publish(writer, probe.event(ListenerEventType.OPENED, probe.node() + "/pod-a", EXPOSED));

        FindingEvent finding = flow.awaitFinding(probe.node() + "/pod-a", AFP, RULE, FindingState.OPEN);
        assertThat(finding.probe()).isEqualTo(probe.info());
    }

    @Test
    void aProbeSigningForAnotherNodeIsRefusedAndRaisesImpersonation() {
        TestProbe a = TestProbe.host(TestProbe.uniqueNode("victim"));
        TestProbe b = TestProbe.host(TestProbe.uniqueNode("rogue"));
        a.publish(writer, a.event(ListenerEventType.OPENED, a.node(), EXPOSED));
        FindingEvent before = flow.awaitFinding(a.node(), AFP, RULE, FindingState.OPEN);

        ListenerEvent forged = b.event(ListenerEventType.SNAPSHOT, a.node());
        b.publish(writer, forged);

        ConsumerRecord<String, byte[]> dead = deadLetter(a.node());
        assertThat(reason(dead)).startsWith("impersonation: host probe " + b.id() + " of node " + b.node() + " spoke for host "
                + a.node());
        assertThat(dead.value()).isEqualTo(EventJson.toBytes(forged));
        FindingEvent impersonation = EventJson.fromBytes(flow.awaitRecord(FindingIds.ofProbe(b.id(), "probe-impersonation"),
                FindingState.OPEN).value(), FindingEvent.class);
        assertThat(impersonation.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(impersonation.host().id()).isEqualTo(b.node());
        assertThat(impersonation.probe()).isEqualTo(b.info());
        assertThat(impersonation.listener()).isNull();
        assertThat(impersonation.description()).contains(a.node());
        given().auth().oauth2(Tokens.analyst()).when().get("/api/v1/findings/{id}", before.findingId())
                .then().statusCode(200).body("finding.state", equalTo("OPEN"))
                .body("finding.version", equalTo((int) before.version()));
    }

    @Test
    void aSignedRecordWhoseKeyIsNotItsHostIsAnImpersonation() {
        TestProbe probe = TestProbe.host(TestProbe.uniqueNode("rekeyed"));
        String key = TestProbe.uniqueNode("elsewhere");
        probe.publish(writer, key, probe.event(ListenerEventType.OPENED, probe.node(), EXPOSED));

        assertThat(reason(deadLetter(key))).isEqualTo("impersonation: the record key " + key + " is not the host id " + probe.node());
        flow.awaitRecord(FindingIds.ofProbe(probe.id(), "probe-impersonation"), FindingState.OPEN);
    }

    @Test
    void aSignedRecordDatedInTheYear2100IsAnImpersonation() {
        TestProbe probe = TestProbe.host(TestProbe.uniqueNode("future"));
        probe.publish(writer, probe.eventAt(Instant.parse("2100-01-01T00:00:00Z"), ListenerEventType.SNAPSHOT, probe.node(), EXPOSED));

        assertThat(reason(deadLetter(probe.node()))).startsWith("impersonation: observedAt").contains("after the record's broker time");
    }

    @Test
    void aNetworkProbeSpeaksOnlyForAddressesOfItsZoneInsideItsScopes() {
        TestProbe scanner = TestProbe.enrol(TestProbe.uniqueNode("scanner"), ProbeMode.NETWORK, "lab", List.of("127.0.0.0/8"));
        Listener reached = Fixtures.listener(AFP, "127.0.0.9", Exposure.REACHABLE);
        scanner.publish(writer, scanner.event(ListenerEventType.OPENED, "127.0.0.9@lab", reached));
        flow.awaitFinding("127.0.0.9@lab", AFP, RULE, FindingState.OPEN);

        scanner.publish(writer, scanner.event(ListenerEventType.OPENED, "127.0.0.9@other", reached));
        assertThat(reason(deadLetter("127.0.0.9@other"))).startsWith("impersonation: network probe " + scanner.id());
    }

    @Test
    void aBadSignatureIsRefusedWithoutAFinding() {
        TestProbe probe = TestProbe.host(TestProbe.uniqueNode("tampered"));
        ListenerEvent event = probe.event(ListenerEventType.OPENED, probe.node(), EXPOSED);
        byte[] signed = EventJson.toBytes(event);
        List<Header> headers = probe.headers(Topics.LISTENERS, probe.node(), signed);
        byte[] tampered = EventJson.toBytes(probe.event(ListenerEventType.OPENED, probe.node(), Fixtures.listener(AFP, "127.0.0.1",
                Exposure.LOOPBACK)));
        writer.send(Topics.LISTENERS, probe.node(), tampered, headers);

        assertThat(reason(deadLetter(probe.node()))).startsWith("bad signature: ");
    }

    @Test
    void aRepeatedSnapshotIsVerifiedOnItsBytesAsReceived() {
        TestProbe probe = TestProbe.host(TestProbe.uniqueNode("repeating"));
        Instant start = Instant.now();
        probe.publish(writer, probe.eventAt(start, ListenerEventType.SNAPSHOT, probe.node(), EXPOSED));
        flow.awaitFinding(probe.node(), AFP, RULE, FindingState.OPEN);
        // The same content again, under other eventIds and times: repeats, recognised without being decoded.
        probe.publish(writer, probe.eventAt(start.plusSeconds(1), ListenerEventType.SNAPSHOT, probe.node(), EXPOSED));
        byte[] repeat = EventJson.toBytes(probe.eventAt(start.plusSeconds(2), ListenerEventType.SNAPSHOT, probe.node(), EXPOSED));
        byte[] another = EventJson.toBytes(probe.eventAt(start.plusSeconds(3), ListenerEventType.SNAPSHOT, probe.node(), EXPOSED));
        writer.send(Topics.LISTENERS, probe.node(), repeat, probe.headers(Topics.LISTENERS, probe.node(), another));

        // The host's first dead letter: had the well-signed repeat been refused, it would come first.
        ConsumerRecord<String, byte[]> dead = deadLetter(probe.node());
        assertThat(reason(dead)).startsWith("bad signature: ");
        assertThat(dead.value()).as("exactly as received").isEqualTo(repeat);
    }

    @Test
    void aRecordOfAnUnknownProbeIsRefused() {
        String node = TestProbe.uniqueNode("stranger");
        List<Header> headers = List.of(new RecordHeader(RecordSignature.PROBE_HEADER, "p-unknown".getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(RecordSignature.SIGNATURE_HEADER, "hmac-sha256=AAAA".getBytes(StandardCharsets.UTF_8)));
        writer.send(Topics.LISTENERS, node, EventJson.toBytes(Fixtures.event(ListenerEventType.OPENED, node, EXPOSED)), headers);

        assertThat(reason(deadLetter(node))).isEqualTo("unknown probe: p-unknown is not enrolled here");
    }

    @Test
    void aRecordWithoutExactlyOneProbeAndOneSignatureHeaderIsRefused() {
        TestProbe probe = TestProbe.host(TestProbe.uniqueNode("headers"));
        byte[] value = EventJson.toBytes(probe.event(ListenerEventType.OPENED, probe.node(), EXPOSED));
        List<Header> signed = probe.headers(Topics.LISTENERS, probe.node(), value);
        Header probeHeader = signed.stream().filter(header -> header.key().equals(RecordSignature.PROBE_HEADER)).findFirst().orElseThrow();
        Header signature = signed.stream().filter(header -> header.key().equals(RecordSignature.SIGNATURE_HEADER)).findFirst().orElseThrow();
        String refusal = "unsigned: the record needs exactly one " + RecordSignature.PROBE_HEADER + " and one "
                + RecordSignature.SIGNATURE_HEADER + " header";
        List<List<Header>> broken = List.of(
                List.of(probeHeader),
                List.of(signature),
                List.of(probeHeader, probeHeader, signature),
                List.of(probeHeader, signature, signature),
                List.of(probeHeader, new RecordHeader(RecordSignature.SIGNATURE_HEADER, null)));
        for (int index = 0; index < broken.size(); index++) {
            // Refused before the key or the value is looked at: each case under a key of its own, to find its dead letter.
            String key = probe.node() + "-" + index;
            writer.send(Topics.LISTENERS, key, value, broken.get(index));
            assertThat(reason(deadLetter(key))).as("headers %s", broken.get(index)).isEqualTo(refusal);
        }
    }

    @Test
    void aRevokedProbesRecordsAreRefused() {
        TestProbe probe = TestProbe.host(TestProbe.uniqueNode("revoked"));
        given().auth().oauth2(Tokens.withRole("fran", "fleet-admin")).when().post("/api/v1/probes/{id}/revoke", probe.id())
                .then().statusCode(200);
        probe.publish(writer, probe.event(ListenerEventType.OPENED, probe.node(), EXPOSED));

        assertThat(reason(deadLetter(probe.node()))).isEqualTo("revoked probe: " + probe.id());
    }

    private ConsumerRecord<String, byte[]> deadLetter(String key) {
        return await().atMost(DEADLINE).until(() -> dlq.poll().stream().filter(record -> key.equals(record.key())).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8);
    }
}
