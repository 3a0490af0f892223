package io.portwatch.alert.listeners;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.FindingEntity;
import io.portwatch.alert.findings.FindingLifecycle;
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
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.testing.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.portwatch.alert.StoredFindings.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** From listener events on the real broker to findings in the real database and finding events on the alerts topic. */
@QuarkusTest
class CorrelationFlowTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final String RULE = "legacy-service-exposed";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    FindingLifecycle lifecycle;

    @Inject
    MeterRegistry registry;

    @Inject
    Correlator correlator;

    private AlertFlow flow;

    @BeforeEach
    void knowledgeIsPublished() {
        flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
    }

    @AfterEach
    void close() {
        flow.close();
    }

    @Test
    void openedListenerRaisesAFindingAndClosingItResolvesIt() {
        Listener exposed = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
        String findingId = FindingIds.of("flow-1", AFP, RULE);

        flow.publish(Fixtures.event(ListenerEventType.OPENED, "flow-1", exposed));

        FindingEvent opened = flow.awaitFinding("flow-1", AFP, RULE, FindingState.OPEN);
        assertThat(opened.severity()).isEqualTo(Severity.HIGH);
        assertThat(opened.version()).isEqualTo(1);
        assertThat(opened.listener()).isEqualTo(exposed);
        assertThat(opened.remediation()).isEqualTo("Turn it off");
        assertThat(opened.zone()).as("the zone of the probe that saw it").isEqualTo("test");
        assertThat(stored(findingId).state).isEqualTo(FindingState.OPEN);

        flow.publish(Fixtures.event(ListenerEventType.CLOSED, "flow-1", exposed));

        assertThat(flow.awaitFinding("flow-1", AFP, RULE, FindingState.RESOLVED).version()).isEqualTo(2);
        assertThat(stored(findingId).state).isEqualTo(FindingState.RESOLVED);
    }

    @Test
    void aContainersListenerIsAFindingOfItsOwnJudgedInsideItsNamespaceAndResolvesWhenTheContainerGoes() {
        Listener onNode = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
        Listener inContainer = Fixtures.inContainer(onNode, "3f2a1b9c0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8");
        String containerHost = "flow-7/container/3f2a1b9c0d4e";

        flow.publish(Fixtures.event(ListenerEventType.OPENED, "flow-7", onNode));
        flow.publish(Fixtures.event(ListenerEventType.OPENED, containerHost, inContainer));

        FindingEvent node = flow.awaitFinding("flow-7", AFP, RULE, FindingState.OPEN);
        FindingEvent container = flow.awaitFinding(containerHost, AFP, RULE, FindingState.OPEN);
        assertThat(node.severity()).isEqualTo(Severity.HIGH);
        assertThat(container.severity()).as("reachable on the container network, not the node's interfaces").isEqualTo(Severity.MEDIUM);
        assertThat(container.findingId()).isNotEqualTo(node.findingId());
        assertThat(container.listener().container().id()).startsWith("3f2a1b9c0d4e");

        flow.publish(Fixtures.event(ListenerEventType.SNAPSHOT, containerHost));

        flow.awaitFinding(containerHost, AFP, RULE, FindingState.RESOLVED);
        assertThat(stored(node.findingId()).state).isEqualTo(FindingState.OPEN);
    }

    @Test
    void listenerThatComesBackReopensTheSameFinding() {
        Listener exposed = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
        flow.publish(Fixtures.event(ListenerEventType.OPENED, "flow-5", exposed));
        flow.publish(Fixtures.event(ListenerEventType.CLOSED, "flow-5", exposed));
        flow.awaitFinding("flow-5", AFP, RULE, FindingState.RESOLVED);

        flow.publish(Fixtures.event(ListenerEventType.OPENED, "flow-5", exposed));

        ConsumerRecord<String, byte[]> reopened = flow.awaitRecord(FindingIds.of("flow-5", AFP, RULE), FindingState.OPEN);
        assertThat(CloudEvent.from(reopened.headers()).type()).isIn("portwatch.finding.opened", "portwatch.finding.reopened");
        await().atMost(Duration.ofSeconds(30)).until(() -> flow.findings().stream()
                .anyMatch(event -> event.findingId().equals(FindingIds.of("flow-5", AFP, RULE)) && event.version() == 3
                        && event.state() == FindingState.OPEN));
        assertThat(stored(FindingIds.of("flow-5", AFP, RULE)).seenCount).isEqualTo(2);
    }

    @Test
    void unchangedObservationsRewriteLastSeenOnlyOncePerResolution() {
        Listener exposed = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
        String findingId = FindingIds.of("flow-6", AFP, RULE);
        Instant start = recently();
        flow.publish(Fixtures.eventAt(start, ListenerEventType.SNAPSHOT, "flow-6", exposed));
        flow.publish(Fixtures.eventAt(start.plusSeconds(10), ListenerEventType.SNAPSHOT, "flow-6", exposed));
        processedUpTo("flow-6", 29001);

        assertThat(stored(findingId).lastSeen).isEqualTo(start);

        flow.publish(Fixtures.eventAt(start.plusSeconds(40), ListenerEventType.SNAPSHOT, "flow-6", exposed));
        processedUpTo("flow-6", 29002);

        FindingEntity finding = stored(findingId);
        assertThat(finding.lastSeen).isEqualTo(start.plusSeconds(40));
        assertThat(finding.version).as("an observation that changes nothing is no new version").isEqualTo(1);
        assertThat(finding.seenCount).isEqualTo(1);
    }

    @Test
    void snapshotsThatChangeNothingAreSettledWithoutTheDatabaseUntilAnAnalystActs() {
        Listener exposed = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
        Listener marker = Fixtures.listener(new PortKey(Transport.TCP, 29003), "0.0.0.0", Exposure.ALL_INTERFACES);
        String findingId = FindingIds.of("flow-settled", AFP, RULE);
        Instant start = recently();
        flow.publish(Fixtures.eventAt(start, ListenerEventType.SNAPSHOT, "flow-settled", exposed, marker));
        flow.awaitFinding("flow-settled", AFP, RULE, FindingState.OPEN);
        double unchangedBefore = unchangedEvents();

        flow.publish(Fixtures.eventAt(start.plusSeconds(5), ListenerEventType.SNAPSHOT, "flow-settled", exposed, marker));
        await().atMost(Duration.ofSeconds(30)).until(() -> unchangedEvents() > unchangedBefore);

        lifecycle.transition(findingId, FindingState.RESOLVED, "fixed, they say", "alice");
        flow.publish(Fixtures.eventAt(start.plusSeconds(10), ListenerEventType.SNAPSHOT, "flow-settled", exposed, marker));

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(findingId).state == FindingState.OPEN);
        assertThat(stored(findingId).seenCount).as("reopened: the listener never went").isEqualTo(2);
    }

    @Test
    void aRepeatedSnapshotRestoresTheListenersAnEventInBetweenClosed() {
        Listener wildcard = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
        Listener loopback = Fixtures.listener(AFP, "127.0.0.1", Exposure.LOOPBACK);
        String findingId = FindingIds.of("flow-repeat", AFP, RULE);
        Instant start = Instant.now();
        flow.publish(Fixtures.eventAt(start, ListenerEventType.SNAPSHOT, "flow-repeat", wildcard, loopback));
        assertThat(flow.awaitFinding("flow-repeat", AFP, RULE, FindingState.OPEN).severity()).isEqualTo(Severity.HIGH);

        // Closing the loopback socket leaves the port judged by the wildcard one: nothing changes...
        flow.publish(Fixtures.eventAt(start.plusSeconds(1), ListenerEventType.CLOSED, "flow-repeat", loopback));
        // ...and the next SNAPSHOT, byte for byte the first but for eventId and observedAt, has it back.
        flow.publish(Fixtures.eventAt(start.plusSeconds(2), ListenerEventType.SNAPSHOT, "flow-repeat", wildcard, loopback));
        flow.publish(Fixtures.eventAt(start.plusSeconds(3), ListenerEventType.CLOSED, "flow-repeat", wildcard));

        FindingEvent loopbackOnly = await().atMost(Duration.ofSeconds(30)).until(() -> flow.findings().stream()
                .filter(event -> event.findingId().equals(findingId) && event.version() == 2).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(loopbackOnly.state()).as("the loopback listener is still there").isEqualTo(FindingState.OPEN);
        assertThat(loopbackOnly.severity()).isEqualTo(Severity.INFO);
        assertThat(loopbackOnly.listener()).isEqualTo(loopback);
    }

    @Test
    void aHostWithoutFindingsIsSettledForNoLongerThanTheResolutionPastItsLastObservation() {
        Instant start = Instant.now();
        double settledBefore = unchangedEvents();
        double processedBefore = processedRecords();
        flow.publish(Fixtures.eventAt(start, ListenerEventType.SNAPSHOT, "flow-quiet"));
        // Its batch is being correlated: the next event comes in a batch of its own.
        await().atMost(Duration.ofSeconds(30)).until(() -> processedRecords() > processedBefore);
        flow.publish(Fixtures.eventAt(start.plusSeconds(5), ListenerEventType.SNAPSHOT, "flow-quiet"));
        await().atMost(Duration.ofSeconds(30)).until(() -> unchangedEvents() == settledBefore + 1);

        flow.publish(Fixtures.eventAt(start.plusSeconds(40), ListenerEventType.SNAPSHOT, "flow-quiet"));
        processedUpTo("flow-quiet", 29005);

        assertThat(unchangedEvents()).as("40 s on, the snapshot went to the database").isEqualTo(settledBefore + 1);
    }

    private double processedRecords() {
        return registry.counter(ListenerEventConsumer.EVENTS_METRIC, "result", "processed").count();
    }

    private double unchangedEvents() {
        return registry.counter("portwatch.alert.listener.events.unchanged").count();
    }

    /** Waits until the host's events so far are processed: a listener opened after them raises its own finding. */
    private void processedUpTo(String hostId, int markerPort) {
        PortKey marker = new PortKey(Transport.TCP, markerPort);
        flow.publish(Fixtures.event(ListenerEventType.OPENED, hostId, Fixtures.listener(marker, "0.0.0.0", Exposure.ALL_INTERFACES)));
        flow.awaitFinding(hostId, marker, "unassigned-port-listener", FindingState.OPEN);
    }

    @Test
    void findingEventsCarryCloudEventsAndSeverityHeaders() {
        String findingId = FindingIds.of("flow-2", AFP, RULE);
        flow.publish(Fixtures.event(ListenerEventType.OPENED, "flow-2", Fixtures.listener(AFP, "127.0.0.1", Exposure.LOOPBACK)));

        ConsumerRecord<String, byte[]> record = flow.awaitRecord(findingId, FindingState.OPEN);

        CloudEvent cloudEvent = CloudEvent.from(record.headers());
        assertThat(cloudEvent.type()).isEqualTo("portwatch.finding.opened");
        assertThat(cloudEvent.source()).isEqualTo("/portwatch/alert-service");
        assertThat(cloudEvent.id()).isEqualTo(findingId + "@1");
        assertThat(new String(record.headers().lastHeader("severity").value(), StandardCharsets.UTF_8)).isEqualTo("INFO");
    }

    @Test
    void listenerMissingFromTheNextSnapshotIsResolved() {
        Listener afp = Fixtures.listener(AFP, "::", Exposure.ALL_INTERFACES);
        Listener other = Fixtures.listener(new PortKey(Transport.TCP, 22), "0.0.0.0", Exposure.ALL_INTERFACES);

        flow.publish(Fixtures.event(ListenerEventType.SNAPSHOT, "flow-3", afp, other));
        flow.awaitFinding("flow-3", AFP, RULE, FindingState.OPEN);
        flow.publish(Fixtures.event(ListenerEventType.SNAPSHOT, "flow-3", other));

        assertThat(flow.awaitFinding("flow-3", AFP, RULE, FindingState.RESOLVED).version()).isEqualTo(2);
    }

    @Test
    void malformedRecordGoesToTheDeadLetterTopicAndTheNextOneIsProcessed() {
        try (TopicReader dlq = new TopicReader(bootstrapServers, Topics.LISTENERS_DLQ)) {
            flow.publishRaw("flow-4", "{not json".getBytes(StandardCharsets.UTF_8));
            flow.publish(Fixtures.event(ListenerEventType.OPENED, "flow-4", Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES)));

            ConsumerRecord<String, byte[]> dead = await().atMost(Duration.ofSeconds(30))
                    .until(() -> dlq.poll().stream().filter(r -> "flow-4".equals(r.key())).findFirst(), Optional::isPresent)
                    .orElseThrow();
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(new String(dead.headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8))
                    .startsWith("not a ListenerEvent");
            flow.awaitFinding("flow-4", AFP, RULE, FindingState.OPEN);
        }
    }

    @Test
    void schemaViolatingAndOversizedRecordsGoToTheDeadLetterTopicAndValidOnesAroundThemAreProcessed() {
        String probe = "\"probe\":{\"id\":\"p\",\"zone\":\"z\",\"mode\":\"HOST\"}";
        List<String> unprocessable = List.of(
                "{\"type\":\"OPENED\",\"observedAt\":\"2026-11-24T10:15:30Z\"," + probe + ",\"listeners\":[]}",
                "{\"type\":\"OPENED\",\"observedAt\":\"2026-11-24T10:15:30Z\"," + probe + ",\"host\":{\"id\":\"flow-7\"},"
                        + "\"listeners\":[{\"transport\":\"tcp\",\"address\":\"0.0.0.0\",\"port\":70000,\"ipVersion\":4,"
                        + "\"exposure\":\"ALL_INTERFACES\"}]}",
                "{\"type\":\"CLOSED\",\"observedAt\":\"2026-11-24T10:15:30Z\"," + probe + ",\"host\":{\"id\":\"flow-7\"}}",
                "[" + "1,".repeat(400_000) + "1]");
        try (TopicReader dlq = new TopicReader(bootstrapServers, Topics.LISTENERS_DLQ)) {
            flow.publish(Fixtures.event(ListenerEventType.OPENED, "flow-7", Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES)));
            unprocessable.forEach(value -> flow.publishRaw("flow-7", value.getBytes(StandardCharsets.UTF_8)));
            flow.publish(Fixtures.event(ListenerEventType.CLOSED, "flow-7", Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES)));

            flow.awaitFinding("flow-7", AFP, RULE, FindingState.RESOLVED);
            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dead.clear(); // poll() answers every record read so far
                dlq.poll().stream().filter(record -> "flow-7".equals(record.key())).forEach(dead::add);
                return dead.size() >= unprocessable.size();
            });
            assertThat(dead).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                    .containsExactlyElementsOf(unprocessable);
            assertThat(dead).allSatisfy(record -> assertThat(record.headers().lastHeader("dlq-reason")).isNotNull());
        }
    }

    /** A start for a run of observations, recent enough to lie within the contract's time window of the broker time. */
    private static Instant recently() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
    }

    @Test
    void aHostWhosePartitionMovedAwayIsNotReJudgedOnTheListenersThisInstanceLastSaw() {
        String hostId = "moved-partition";
        Listener exposed = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
        ListenerRecord opened = new ListenerRecordDeserializer()
                .deserialize(Topics.LISTENERS, EventJson.toBytes(Fixtures.event(ListenerEventType.OPENED, hostId, exposed)));
        JudgedBatch batch = correlator.judge(List.of(opened.polledFrom(4)));
        try {
            correlator.store(batch);
        } finally {
            correlator.release(batch);
        }
        String findingId = FindingIds.of(hostId, AFP, RULE);
        // The partition moves to another instance, which sees the listener close and resolves the finding.
        correlator.listenerPartitionsAssigned(Set.of(0, 1, 2, 3, 5));
        QuarkusTransaction.requiringNew().run(() -> {
            FindingEntity finding = FindingEntity.findById(findingId);
            finding.state = FindingState.RESOLVED;
            finding.version = 2;
        });
        try {
            correlator.reevaluate(AFP);

            assertThat(stored(findingId).state).as("not reopened from a listener this instance no longer holds")
                    .isEqualTo(FindingState.RESOLVED);
        } finally {
            correlator.listenerPartitionsAssigned(Set.of(0, 1, 2, 3, 4, 5));
        }
    }
}
