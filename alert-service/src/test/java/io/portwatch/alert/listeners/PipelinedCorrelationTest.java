package io.portwatch.alert.listeners;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.FindingEntity;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.portwatch.alert.StoredFindings.stored;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The correlator's steps taken one by one on the real database, in orders the live consumer allows: a batch
 * judged while the one before it is stored, and a rebalance that moves a host's partition away.
 */
@QuarkusTest
class PipelinedCorrelationTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final String HOST = "pipelined-1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Correlator correlator;

    private final ListenerRecordDeserializer deserializer = new ListenerRecordDeserializer();
    private final Listener exposed = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
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
    void aListenerReopenedWhileTheBatchClosingItIsStoredIsJudgedOnWhatThatBatchStores() {
        Instant start = Instant.now();
        judgeAndStore(Fixtures.eventAt(start, ListenerEventType.OPENED, HOST, exposed));
        String findingId = FindingIds.of(HOST, AFP, "legacy-service-exposed");
        assertThat(stored(findingId).state).isEqualTo(FindingState.OPEN);

        Correlator.JudgedBatch closing = correlator.judge(records(Fixtures.eventAt(start.plusSeconds(1), ListenerEventType.CLOSED, HOST, exposed)));
        // Judged before the closing batch is stored: the host is settled on an open finding, which it will no longer be.
        Correlator.JudgedBatch reopening = correlator.judge(records(Fixtures.eventAt(start.plusSeconds(2), ListenerEventType.OPENED, HOST, exposed)));
        storeAndRelease(closing);
        assertThat(stored(findingId).state).isEqualTo(FindingState.RESOLVED);
        storeAndRelease(reopening);

        FindingEntity finding = stored(findingId);
        assertThat(finding.state).as("the listener is open").isEqualTo(FindingState.OPEN);
        assertThat(finding.version).isEqualTo(3);
    }

    @Test
    void onceItsBatchIsStoredAHostsUnchangedEventsNeedNoDatabaseAgain() {
        Instant start = Instant.now();
        Listener loopback = Fixtures.listener(AFP, "127.0.0.1", Exposure.LOOPBACK);
        Correlator.JudgedBatch opening = correlator.judge(records(
                Fixtures.eventAt(start, ListenerEventType.SNAPSHOT, "pipelined-2", loopback)));
        Correlator.JudgedBatch whileOpening = correlator.judge(records(
                Fixtures.eventAt(start.plusSeconds(1), ListenerEventType.SNAPSHOT, "pipelined-2", loopback)));
        assertThat(whileOpening.observations()).as("its first batch is not stored yet").hasSize(1);

        storeAndRelease(opening);
        correlator.release(whileOpening); // given up, as after a failed batch before it

        assertThat(correlator.judge(records(Fixtures.eventAt(start.plusSeconds(2), ListenerEventType.SNAPSHOT, "pipelined-2", loopback)))
                .observations()).as("settled, and no batch of it pending").isEmpty();
    }

    @Test
    void aHostWhosePartitionMovedAwayIsNotReJudgedOnTheListenersThisInstanceLastSaw() {
        String hostId = "pipelined-moved";
        storeAndRelease(correlator.judge(List.of(record(Fixtures.event(ListenerEventType.OPENED, hostId, exposed)).polledFrom(4))));
        String findingId = FindingIds.of(hostId, AFP, "legacy-service-exposed");
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

    private void judgeAndStore(ListenerEvent event) {
        storeAndRelease(correlator.judge(records(event)));
    }

    private void storeAndRelease(Correlator.JudgedBatch batch) {
        try {
            correlator.store(batch);
        } finally {
            correlator.release(batch);
        }
    }

    private List<ListenerRecord> records(ListenerEvent event) {
        return List.of(record(event));
    }

    private ListenerRecord record(ListenerEvent event) {
        return deserializer.deserialize(Topics.LISTENERS, EventJson.toBytes(event));
    }
}
