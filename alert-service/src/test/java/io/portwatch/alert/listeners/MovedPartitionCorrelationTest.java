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

import java.util.List;
import java.util.Set;

import static io.portwatch.alert.StoredFindings.stored;
import static org.assertj.core.api.Assertions.assertThat;

/** The correlator's steps taken one by one on the real database around a rebalance that moves a host's partition away. */
@QuarkusTest
class MovedPartitionCorrelationTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);

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
    void aHostWhosePartitionMovedAwayIsNotReJudgedOnTheListenersThisInstanceLastSaw() {
        String hostId = "moved-partition";
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

    private void storeAndRelease(Correlator.JudgedBatch batch) {
        try {
            correlator.store(batch);
        } finally {
            correlator.release(batch);
        }
    }

    private ListenerRecord record(ListenerEvent event) {
        return deserializer.deserialize(Topics.LISTENERS, EventJson.toBytes(event));
    }
}
