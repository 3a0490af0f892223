package io.portwatch.alert.listeners;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.PositionLock;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While a transaction is held up and a transaction's worth of records ({@value #ROOM}, or fewer than a poll's worth
 * more: the poll that filled the room) waits for the next, the listener poller takes no more: the rest wait in Kafka,
 * however long the hold lasts (the poller waits for room, its partitions paused). Once the transaction ends, every
 * record is stored.
 */
@QuarkusTest
@TestProfile(RoomForRecordsTest.SmallRoom.class)
class RoomForRecordsTest {

    private static final int ROOM = 2;
    private static final int BEHIND = 8;
    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final String RULE = "legacy-service-exposed";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** How long the held transaction keeps the poller waiting for room: many of its bounded waits. */
    private static final Duration HELD = Duration.ofSeconds(1);

    /** Room for {@value #ROOM} records waiting, at most {@value #ROOM} a poll. */
    public static class SmallRoom implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portwatch.alert.listeners.max-poll-records", Integer.toString(ROOM));
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void recordsBeyondTheRoomWaitInKafkaWhileATransactionIsHeldUpAndAreStoredOnceItEnds() throws Exception {
        String prefix = "room-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (AlertFlow flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH))) {
            try (PositionLock lock = PositionLock.hold(dataSource)) {
                flow.publish(Fixtures.openedOnAllInterfaces(prefix + "held", AFP));
                lock.awaitWaiter(DEADLINE);
                for (int host = 0; host < BEHIND; host++) {
                    flow.publish(Fixtures.openedOnAllInterfaces(prefix + host, AFP));
                }
                await().atMost(DEADLINE).until(() -> waitingRecords() >= ROOM);
                // The poll that filled the room may have brought up to ROOM - 1 records past it; then no more come.
                double waiting = waitingRecords();
                assertThat(waiting).as("records taken from Kafka and waiting").isLessThan(2 * ROOM);
                await().during(HELD).atMost(HELD.multipliedBy(3))
                        .untilAsserted(() -> assertThat(waitingRecords()).as("records taken from Kafka and waiting").isEqualTo(waiting));
            }

            flow.awaitFinding(prefix + "held", AFP, RULE, FindingState.OPEN);
            for (int host = 0; host < BEHIND; host++) {
                flow.awaitFinding(prefix + host, AFP, RULE, FindingState.OPEN);
            }
            await().atMost(DEADLINE).until(() -> waitingRecords() == 0);
        }
    }

    private double waitingRecords() {
        return registry.find(ListenerEventConsumer.WAITING_METRIC).gauge().value();
    }
}
