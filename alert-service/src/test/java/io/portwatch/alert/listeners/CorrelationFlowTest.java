package io.portwatch.alert.listeners;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.FindingEntity;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.testing.TopicReader;
import io.portwatch.testing.TopicWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** From listener events on the real broker to findings in the real database and finding events on the alerts topic. */
@QuarkusTest
class CorrelationFlowTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final PortKey EPPC = new PortKey(Transport.TCP, 3031);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private TopicWriter writer;
    private TopicReader alerts;

    @BeforeEach
    void knowledgeIsPublished() {
        writer = new TopicWriter(bootstrapServers);
        alerts = new TopicReader(bootstrapServers, Topics.ALERTS);
        writer.send(Topics.PORT_KNOWLEDGE, EPPC.toString(),
                EventJson.toBytes(Fixtures.knowledge(EPPC, ServiceStatus.LEGACY, Risk.HIGH)), List.of());
        // Ready, and the view holds the knowledge just sent, so the events below are judged against it.
        await().atMost(DEADLINE).until(() -> get("/q/health/ready").then().extract()
                .<Integer>path("checks.find { it.name == 'knowledge-view' }.data.entries") >= 1);
    }

    @AfterEach
    void close() {
        writer.close();
        alerts.close();
    }

    @Test
    void openedListenerRaisesAFindingAndClosingItResolvesIt() {
        Listener exposed = Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES);
        String findingId = FindingIds.of("flow-1", EPPC, "legacy-service-exposed");

        publish(Fixtures.event(ListenerEventType.OPENED, "flow-1", exposed));

        FindingEvent opened = awaitFinding(findingId, FindingState.OPEN);
        assertThat(opened.severity()).isEqualTo(Severity.HIGH);
        assertThat(opened.version()).isEqualTo(1);
        assertThat(opened.listener()).isEqualTo(exposed);
        assertThat(opened.remediation()).isEqualTo("Turn it off");
        assertThat(stored(findingId).state).isEqualTo(FindingState.OPEN);

        publish(Fixtures.event(ListenerEventType.CLOSED, "flow-1", exposed));

        FindingEvent resolved = awaitFinding(findingId, FindingState.RESOLVED);
        assertThat(resolved.version()).isEqualTo(2);
        assertThat(stored(findingId).state).isEqualTo(FindingState.RESOLVED);
    }

    @Test
    void findingEventsCarryCloudEventsAndSeverityHeaders() {
        String findingId = FindingIds.of("flow-2", EPPC, "legacy-service-exposed");
        publish(Fixtures.event(ListenerEventType.OPENED, "flow-2", Fixtures.listener(EPPC, "127.0.0.1", Exposure.LOOPBACK)));

        ConsumerRecord<String, byte[]> record = awaitRecord(findingId, FindingState.OPEN);

        CloudEvent cloudEvent = CloudEvent.from(record.headers());
        assertThat(cloudEvent.type()).isEqualTo("portwatch.finding.opened");
        assertThat(cloudEvent.source()).isEqualTo("/portwatch/alert-service");
        assertThat(cloudEvent.id()).isEqualTo(findingId + "@1");
        assertThat(new String(record.headers().lastHeader("severity").value(), StandardCharsets.UTF_8)).isEqualTo("INFO");
    }

    @Test
    void listenerMissingFromTheNextSnapshotIsResolved() {
        Listener eppc = Fixtures.listener(EPPC, "::", Exposure.ALL_INTERFACES);
        Listener other = Fixtures.listener(new PortKey(Transport.TCP, 22), "0.0.0.0", Exposure.ALL_INTERFACES);
        String findingId = FindingIds.of("flow-3", EPPC, "legacy-service-exposed");

        publish(Fixtures.event(ListenerEventType.SNAPSHOT, "flow-3", eppc, other));
        awaitFinding(findingId, FindingState.OPEN);
        publish(Fixtures.event(ListenerEventType.SNAPSHOT, "flow-3", other));

        assertThat(awaitFinding(findingId, FindingState.RESOLVED).version()).isEqualTo(2);
    }

    @Test
    void malformedRecordGoesToTheDeadLetterTopicAndTheNextOneIsProcessed() {
        String findingId = FindingIds.of("flow-4", EPPC, "legacy-service-exposed");
        try (TopicReader dlq = new TopicReader(bootstrapServers, Topics.LISTENERS_DLQ)) {
            writer.send(Topics.LISTENERS, "flow-4", "{not json".getBytes(StandardCharsets.UTF_8), List.of());
            publish(Fixtures.event(ListenerEventType.OPENED, "flow-4", Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES)));

            ConsumerRecord<String, byte[]> dead = await().atMost(DEADLINE)
                    .until(() -> dlq.poll().stream().filter(r -> "flow-4".equals(r.key())).findFirst(), Optional::isPresent)
                    .orElseThrow();
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(new String(dead.headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8))
                    .startsWith("not a ListenerEvent");
            awaitFinding(findingId, FindingState.OPEN);
        }
    }

    private void publish(ListenerEvent event) {
        writer.send(Topics.LISTENERS, event.host().id(), EventJson.toBytes(event), List.of());
    }

    private FindingEvent awaitFinding(String findingId, FindingState state) {
        return EventJson.fromBytes(awaitRecord(findingId, state).value(), FindingEvent.class);
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String findingId, FindingState state) {
        return await().atMost(DEADLINE).until(() -> alerts.poll().stream()
                .filter(record -> findingId.equals(record.key()))
                .filter(record -> EventJson.fromBytes(record.value(), FindingEvent.class).state() == state)
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    private static FindingEntity stored(String findingId) {
        return QuarkusTransaction.requiringNew().call(() -> FindingEntity.findById(findingId));
    }
}
