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
import io.portwatch.events.fleet.ProbeHeartbeat;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.testing.TopicReader;
import io.portwatch.testing.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import static org.hamcrest.Matchers.notNullValue;

/**
 * Probe liveness through the real topics: heartbeats are recorded, a probe that misses three of its intervals is
 * SILENT with {@code probe-silent} raised and its findings STALE, and when it is heard again all returns.
 */
@QuarkusTest
class LivenessTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final String RULE = "legacy-service-exposed";
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private AlertFlow flow;
    private TopicWriter writer;

    @BeforeEach
    void knowledgeIsPublished() {
        flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
        writer = new TopicWriter(bootstrapServers);
    }

    @AfterEach
    void close() {
        flow.close();
        writer.close();
    }

    @Test
    void aSilentProbesFindingsTurnStaleAndReturnWhenItIsHeardAgain() {
        TestProbe probe = TestProbe.host(TestProbe.uniqueNode("heartbeat"));
        probe.publish(writer, probe.event(ListenerEventType.OPENED, probe.node(),
                Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES)));
        FindingEvent open = flow.awaitFinding(probe.node(), AFP, RULE, FindingState.OPEN);
        probe.heartbeat(writer, INTERVAL);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.withRole("v", "viewer"))
                .when().get("/api/v1/probes/{id}", probe.id())
                .then().statusCode(200).body("lastHeartbeat", notNullValue()).body("heartbeatIntervalSeconds", equalTo(1)));

        String silentId = FindingIds.ofProbe(probe.id(), "probe-silent");
        FindingEvent silent = EventJson.fromBytes(flow.awaitRecord(silentId, FindingState.OPEN).value(), FindingEvent.class);
        assertThat(silent.severity()).isEqualTo(Severity.HIGH);
        assertThat(silent.host().id()).isEqualTo(probe.node());
        assertThat(silent.listener()).isNull();
        FindingEvent stale = flow.awaitFinding(probe.node(), AFP, RULE, FindingState.STALE);
        assertThat(stale.version()).isGreaterThan(open.version());
        given().auth().oauth2(Tokens.withRole("v", "viewer")).when().get("/api/v1/probes/{id}", probe.id())
                .then().body("status", equalTo("SILENT"));

        probe.heartbeat(writer, Duration.ofMinutes(1));
        flow.awaitRecord(silentId, FindingState.RESOLVED);
        FindingEvent restored = await().atMost(Duration.ofSeconds(30)).until(() -> flow.findings().stream()
                .filter(event -> event.findingId().equals(open.findingId()) && event.version() > stale.version())
                .findFirst(), Optional::isPresent).orElseThrow();
        assertThat(restored.state()).isEqualTo(FindingState.OPEN);
        given().auth().oauth2(Tokens.withRole("v", "viewer")).when().get("/api/v1/probes/{id}", probe.id())
                .then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void aStaleFindingIsResolvedByASnapshotWithoutItsListener() {
        TestProbe probe = TestProbe.host(TestProbe.uniqueNode("closing"));
        probe.publish(writer, probe.event(ListenerEventType.OPENED, probe.node(),
                Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES)));
        FindingEvent open = flow.awaitFinding(probe.node(), AFP, RULE, FindingState.OPEN);
        probe.heartbeat(writer, INTERVAL);
        flow.awaitFinding(probe.node(), AFP, RULE, FindingState.STALE);

        probe.publish(writer, probe.event(ListenerEventType.SNAPSHOT, probe.node()));
        flow.awaitRecord(FindingIds.ofProbe(probe.id(), "probe-silent"), FindingState.RESOLVED);
        flow.awaitRecord(open.findingId(), FindingState.RESOLVED);
    }

    @Test
    void unsignedAndForeignHeartbeatsAreDeadLetteredAsReceived() {
        TestProbe probe = TestProbe.host(TestProbe.uniqueNode("beating"));
        byte[] unsigned = EventJson.toBytes(new ProbeHeartbeat(probe.id(), "test", probe.node(), "lab", ProbeMode.HOST, List.of(),
                Instant.now(), INTERVAL, null, null, 0));
        TestProbe other = TestProbe.host(TestProbe.uniqueNode("other"));
        byte[] foreign = EventJson.toBytes(new ProbeHeartbeat(other.id(), "test", other.node(), "lab", ProbeMode.HOST, List.of(),
                Instant.now(), INTERVAL, null, null, 0));
        try (TopicReader dlq = new TopicReader(bootstrapServers, Topics.PROBE_HEARTBEATS_DLQ)) {
            writer.send(Topics.PROBE_HEARTBEATS, probe.id(), unsigned, List.of());
            writer.send(Topics.PROBE_HEARTBEATS, other.id(), foreign, probe.headers(Topics.PROBE_HEARTBEATS, other.id(), foreign));

            assertThat(reason(awaitDead(dlq, probe.id()))).startsWith("unsigned: ");
            ConsumerRecord<String, byte[]> dead = awaitDead(dlq, other.id());
            assertThat(dead.value()).isEqualTo(foreign);
            assertThat(reason(dead)).startsWith("impersonation: probe " + probe.id() + " signed a heartbeat of " + other.id());
        }
        given().auth().oauth2(Tokens.withRole("v", "viewer")).when().get("/api/v1/probes/{id}", other.id())
                .then().body("lastHeartbeat", org.hamcrest.Matchers.nullValue());
    }

    private static ConsumerRecord<String, byte[]> awaitDead(TopicReader dlq, String key) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> dlq.poll().stream().filter(record -> key.equals(record.key()))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8);
    }
}
