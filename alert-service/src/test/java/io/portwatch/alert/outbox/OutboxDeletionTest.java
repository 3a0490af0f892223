package io.portwatch.alert.outbox;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.ListenerEventType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * An acknowledged outbox row is deleted within a second or so even when no other change follows it: the change
 * sets' transactions leave acknowledged rows alone until thousands wait, so the idle job must take them.
 */
@QuarkusTest
class OutboxDeletionTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aLoneChangesRowGoesOnceTheBrokerAcknowledgedIt() {
        String host = "outbox-deletion-1";
        String findingId = FindingIds.of(host, AFP, "legacy-service-exposed");
        try (AlertFlow flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH))) {
            flow.publish(Fixtures.event(ListenerEventType.OPENED, host, Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES)));

            flow.awaitRecord(findingId, FindingState.OPEN);
            await().atMost(DEADLINE).until(() -> outboxRows(findingId) == 0);
        }
    }

    private static long outboxRows(String findingId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) OutboxEntity.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM alert_outbox WHERE record_key = ?1").setParameter(1, findingId)
                .getSingleResult()).longValue());
    }
}
