package io.portwatch.alert.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listener records whose dead letters Kafka cannot take for now (here their topic does not exist yet, so every send
 * times out waiting for the topic's metadata: a retriable failure, as when Kafka is away) hold their batch back: they
 * are sent again, never counted as lost, the batch's offsets are not committed, and the service stays live, until
 * Kafka takes them; then they are in the dead-letter topic exactly as received, and the consumer goes on.
 */
@QuarkusTest
@TestProfile(RetriableDeadLetterTest.TopicNotThereYet.class)
class RetriableDeadLetterTest {

    static final String LATER_TOPIC = "portwatch.listeners.dlq.later";
    static final int POISON = 3;
    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final String RULE = "legacy-service-exposed";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /**
     * Listener dead letters go to a topic the test creates only later; a send gives up after 1.5 s waiting for the topic,
     * and a round of them is waited for 1 s: each round ends with letters still waiting, then with letters failed.
     */
    public static class TopicNotThereYet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String channel = "mp.messaging.outgoing.listeners-dlq.";
            return Map.of(channel + "topic", LATER_TOPIC,
                    channel + "max.block.ms", "1500",
                    channel + "request.timeout.ms", "1000",
                    channel + "delivery.timeout.ms", "2000",
                    "portwatch.alert.dead-letters.room-wait", "1s");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "portwatch.alert.listeners.group-id")
    String groupId;

    @Inject
    MeterRegistry registry;

    private AlertFlow flow;
    private Admin admin;
    private String prefix;

    @BeforeEach
    void aFlow() {
        flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        prefix = "retried-" + UUID.randomUUID() + "-";
    }

    @AfterEach
    void close() {
        admin.close();
        flow.close();
    }

    @Test
    void deadLettersKafkaCannotTakeForNowAreSentAgainUntilItDoesAndTheConsumerGoesOn() throws Exception {
        assertThat(admin.listTopics().names().get()).doesNotContain(LATER_TOPIC);
        ListenerPoison poison = new ListenerPoison(prefix, POISON, registry);

        poison.publish(flow);
        Map<TopicPartition, Long> where = ListenerOffsets.of(bootstrapServers, poison.key(), POISON, DEADLINE);

        // Tried again, counted once each, never lost; the service stays live and the records are not committed.
        await().atMost(DEADLINE).until(() -> poison.retried() >= 2);
        poison.assertCountedOnce();
        get("/q/health/live").then().statusCode(200);
        assertThat(ListenerOffsets.committedBeyond(admin, groupId, where)).as("offsets committed past the records").isFalse();

        create(LATER_TOPIC);
        await().atMost(DEADLINE).until(() -> ListenerOffsets.committedBeyond(admin, groupId, where));
        // Only what failed was sent again.
        poison.assertDeadLetteredOnce(bootstrapServers, LATER_TOPIC, DEADLINE);
        flow.publish(Fixtures.openedOnAllInterfaces(prefix + "after", AFP));
        flow.awaitFinding(prefix + "after", AFP, RULE, FindingState.OPEN);
        poison.assertCountedOnce();
    }

    private void create(String topic) throws ExecutionException, InterruptedException {
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
        await().atMost(DEADLINE).until(() -> admin.listTopics().names().get().contains(topic));
    }
}
