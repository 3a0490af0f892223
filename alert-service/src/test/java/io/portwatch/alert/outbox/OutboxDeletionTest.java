package io.portwatch.alert.outbox;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.FindingStore;
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
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An acknowledged outbox row is deleted within a second or so even when no other change follows it: the change
 * sets' transactions leave acknowledged rows alone until thousands wait, so the idle job must take them. The job
 * does not wait for a change set in progress (nor does a change set wait for it).
 */
@QuarkusTest
class OutboxDeletionTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    FindingStore store;

    @Inject
    AcknowledgedRows acknowledged;

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

    @Test
    void acknowledgedRowsGoWhileAChangeSetHoldsTheStore() throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<List<?>> changeSet = CompletableFuture.supplyAsync(() -> store.apply(() -> {
            holding.countDown();
            try {
                release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }));
        try {
            assertThat(holding.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the change set holds the store").isTrue();
            // Ids of no row: the job deletes nothing, and leaves the ids waiting only if its transaction failed.
            acknowledged.add(List.of(-1L, -2L));

            await().atMost(DEADLINE).until(acknowledged::isEmpty);
            assertThat(changeSet).as("still holding the store").isNotDone();
        } finally {
            release.countDown();
        }
        await().atMost(DEADLINE).until(changeSet::isDone);
    }
}
