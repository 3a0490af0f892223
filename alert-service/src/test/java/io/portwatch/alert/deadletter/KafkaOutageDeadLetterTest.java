package io.portwatch.alert.deadletter;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.PositionLock;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.testing.InjectKafkaBroker;
import io.portwatch.testing.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;

/**
 * Listener records refused while the broker itself is away (stopped, not a topic missing): their dead letters wait
 * for it, sent again round after round, never counted as lost, and the service stays live; once the broker is back
 * they are in the dead-letter topic exactly as received, the batch's offsets are committed past them, the finding
 * stored meanwhile reaches the alert topic, and the consumer goes on.
 */
@QuarkusTest
@TestProfile(KafkaOutageDeadLetterTest.ShortWaits.class)
class KafkaOutageDeadLetterTest {

    static final int POISON = 3;
    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final String RULE = "legacy-service-exposed";
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    /**
     * A listener dead letter gives up after 2 s without the broker, and a round of them is waited for 1 s; the
     * outbox's rows left by the outage are swept every 5 s once 15 s old.
     */
    public static class ShortWaits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String channel = "mp.messaging.outgoing.listeners-dlq.";
            return Map.of(channel + "max.block.ms", "1500",
                    channel + "request.timeout.ms", "1000",
                    channel + "delivery.timeout.ms", "2000",
                    "portwatch.alert.dead-letters.room-wait", "1s",
                    "portwatch.alert.outbox.delivery-timeout", "5s");
        }
    }

    @InjectKafkaBroker
    KafkaBroker broker;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "portwatch.alert.listeners.group-id")
    String groupId;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    private AlertFlow flow;
    private Admin admin;
    private String prefix;

    @BeforeEach
    void aFlow() {
        flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        prefix = "outage-" + UUID.randomUUID() + "-";
    }

    @AfterEach
    void close() {
        admin.close();
        flow.close();
    }

    @Test
    void deadLettersWaitOutTheBrokerAndTheConsumerGoesOn() throws Exception {
        ListenerPoison poison = new ListenerPoison(prefix, POISON, registry);

        Map<TopicPartition, Long> where;
        try {
            try (PositionLock lock = PositionLock.hold(dataSource)) {
                // A transaction waits while the poison is polled; the broker goes before the next one refuses it.
                flow.publish(Fixtures.openedOnAllInterfaces(prefix + "before", AFP));
                lock.awaitWaiter(DEADLINE);
                poison.publish(flow);
                where = ListenerOffsets.of(bootstrapServers, poison.key(), POISON, DEADLINE);
                await().atMost(DEADLINE).until(() -> registry.find("portwatch.alert.listener.waiting.records").gauge().value() >= POISON);
                broker.stop();
            }
            await().atMost(DEADLINE).until(() -> poison.retried() >= 2);
            poison.assertCountedOnce();
            get("/q/health/live").then().statusCode(200);
        } finally {
            broker.startAgain();
        }

        // When the group rebalances as the broker comes back (in 4 of 5 runs here) before the offsets are committed,
        // the batch is read again and its records refused again: not sent again (DeadLetterPositionsTest).
        await().atMost(DEADLINE).until(() -> ListenerOffsets.committedBeyond(admin, groupId, where));
        poison.assertDeadLetteredOnce(bootstrapServers, Topics.LISTENERS_DLQ, DEADLINE);
        // Stored while the broker was away: its outbox row reaches the alert topic now.
        flow.awaitFinding(prefix + "before", AFP, RULE, FindingState.OPEN);
        flow.publish(Fixtures.openedOnAllInterfaces(prefix + "after", AFP));
        flow.awaitFinding(prefix + "after", AFP, RULE, FindingState.OPEN);
        poison.assertCountedOnce();
    }
}
