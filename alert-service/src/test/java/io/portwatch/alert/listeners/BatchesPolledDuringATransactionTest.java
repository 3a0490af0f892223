package io.portwatch.alert.listeners;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.PositionLock;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listener records polled while a transaction runs are stored together by the next one, however many polls
 * brought them: at a trickle of events each would otherwise wait behind a transaction per poll.
 */
@QuarkusTest
class BatchesPolledDuringATransactionTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final String RULE = "legacy-service-exposed";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void batchesPolledOneByOneWhileATransactionWaitsAreStoredInOneTransaction() throws SQLException {
        try (AlertFlow flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH))) {
            flow.publish(opened("polled-together-0"));
            flow.awaitFinding("polled-together-0", AFP, RULE, FindingState.OPEN);
            DistributionSummary transactions = registry.find(ListenerEventConsumer.BATCH_METRIC).summary();
            long transactionsBefore = transactions.count();
            double recordsBefore = transactions.totalAmount();

            try (PositionLock lock = PositionLock.hold(dataSource)) {
                // The next transaction waits for the listener positions while three more batches are polled, one at a time.
                flow.publish(opened("polled-together-1"));
                lock.awaitWaiter(DEADLINE);
                long waitingBytes = 0;
                for (int host = 2; host <= 4; host++) {
                    ListenerEvent event = opened("polled-together-" + host);
                    flow.publish(event);
                    // Keyed by the host id: the bytes of the key and of the value, as sent.
                    waitingBytes += event.host().id().getBytes(StandardCharsets.UTF_8).length + EventJson.toBytes(event).length;
                    int polled = host - 1;
                    await().atMost(DEADLINE).until(() -> waitingRecords() == polled);
                }
                assertThat(waitingBytes()).as("keys and values of the three waiting records").isEqualTo((double) waitingBytes);
            }

            for (int host = 1; host <= 4; host++) {
                flow.awaitFinding("polled-together-" + host, AFP, RULE, FindingState.OPEN);
            }
            // Each finding is published after its transaction, and a transaction's records are counted before it.
            assertThat(transactions.count() - transactionsBefore).as("transactions: the one that waited, then one for the rest").isEqualTo(2);
            assertThat(transactions.totalAmount() - recordsBefore).as("records stored by those two transactions").isEqualTo(4);
            assertThat(waitingRecords()).isZero();
            assertThat(waitingBytes()).isZero();
        }
    }

    private double waitingRecords() {
        return registry.find(ListenerEventConsumer.WAITING_METRIC).gauge().value();
    }

    private double waitingBytes() {
        return registry.find(ListenerEventConsumer.WAITING_BYTES_METRIC).gauge().value();
    }

    private static ListenerEvent opened(String host) {
        return Fixtures.event(ListenerEventType.OPENED, host, Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES));
    }
}
