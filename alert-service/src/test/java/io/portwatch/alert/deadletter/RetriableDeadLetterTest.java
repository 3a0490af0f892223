package io.portwatch.alert.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener record's dead letter that Kafka cannot take for now (here its topic does not exist yet, so every send
 * times out waiting for the topic's metadata: a retriable failure, as when Kafka is away) holds its batch back: it is
 * sent again, never counted as lost, and the service stays live, until Kafka takes it; then it is in the dead-letter
 * topic exactly as received, and the consumer goes on.
 */
@QuarkusTest
@TestProfile(RetriableDeadLetterTest.TopicNotThereYet.class)
class RetriableDeadLetterTest {

    static final String LATER_TOPIC = "portwatch.listeners.dlq.later";
    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final String RULE = "legacy-service-exposed";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** Listener dead letters go to a topic the test creates only later; a send gives up after about two seconds. */
    public static class TopicNotThereYet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String channel = "mp.messaging.outgoing.listeners-dlq.";
            return Map.of(channel + "topic", LATER_TOPIC,
                    channel + "max.block.ms", "500",
                    channel + "request.timeout.ms", "1000",
                    channel + "delivery.timeout.ms", "2000");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    MeterRegistry registry;

    private AlertFlow flow;
    private Admin admin;
    private String prefix;

    @BeforeEach
    void theDeadLetterTopicIsNotThere() throws Exception {
        flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        prefix = "retried-" + UUID.randomUUID() + "-";
        assertThat(admin.listTopics().names().get()).doesNotContain(LATER_TOPIC);
    }

    @AfterEach
    void close() {
        admin.close();
        flow.close();
    }

    @Test
    void aDeadLetterKafkaCannotTakeForNowIsSentAgainUntilItDoesAndTheConsumerGoesOn() throws Exception {
        Counter sent = registry.find("portwatch.alert.dead.letters").tag("topic", Topics.LISTENERS_DLQ).counter();
        Counter undelivered = registry.find("portwatch.alert.dead.letters.undelivered").tag("topic", Topics.LISTENERS_DLQ).counter();
        Counter retries = registry.find("portwatch.alert.dead.letters.retries").counter();
        double sentBefore = sent.count();
        double retriesBefore = retries.count();
        double undeliveredBefore = undelivered.count();
        byte[] poison = ("not an event " + prefix).getBytes(StandardCharsets.UTF_8);

        flow.publishRaw(prefix + "poison", poison);

        // Sent again: the one record's dead letter was sent more than once, never lost, and the service stays live.
        await().atMost(DEADLINE).until(() -> sent.count() - sentBefore >= 2);
        assertThat(retries.count()).isGreaterThan(retriesBefore);
        assertThat(undelivered.count()).isEqualTo(undeliveredBefore);
        get("/q/health/live").then().statusCode(200);

        create(LATER_TOPIC);
        try (TopicReader dlq = new TopicReader(bootstrapServers, LATER_TOPIC)) {
            byte[] dead = await().atMost(DEADLINE).until(() -> dlq.poll().stream()
                    .filter(record -> (prefix + "poison").equals(record.key())).findFirst(), Optional::isPresent).orElseThrow().value();
            assertThat(dead).isEqualTo(poison);
        }
        flow.publish(Fixtures.openedOnAllInterfaces(prefix + "after", AFP));
        flow.awaitFinding(prefix + "after", AFP, RULE, FindingState.OPEN);
        assertThat(undelivered.count()).isEqualTo(undeliveredBefore);
        get("/q/health/live").then().statusCode(200);
    }

    private void create(String topic) throws ExecutionException, InterruptedException {
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
        await().atMost(DEADLINE).until(() -> admin.listTopics().names().get().containsAll(Set.of(topic)));
    }
}
