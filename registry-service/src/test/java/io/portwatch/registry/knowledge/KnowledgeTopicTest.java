package io.portwatch.registry.knowledge;

import io.portwatch.events.Topics;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.registry.ReadyRegistry;
import io.portwatch.registry.Tokens;
import io.portwatch.registry.outbox.OutboxStore;
import io.portwatch.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A subscriber that reads the compacted knowledge topic from the beginning rebuilds exactly what the API serves. */
@QuarkusTest
class KnowledgeTopicTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final OutboxStore outbox;

    KnowledgeTopicTest(OutboxStore outbox) {
        this.outbox = outbox;
    }

    @Test
    void topicRebuildsTheSameViewAsTheApi() {
        ReadyRegistry.await60s();
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(outbox::size) == 0);
        Map<String, PortKnowledge> api = everyEntryFromTheApi();

        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.PORT_KNOWLEDGE)) {
            Map<String, PortKnowledge> view = new HashMap<>();
            reader.readToEnd(Duration.ofSeconds(60))
                    .forEach(record -> view.put(record.key(), EventJson.fromBytes(record.value(), PortKnowledge.class)));

            assertThat(view).hasSameSizeAs(api).isEqualTo(api);
        }
    }

    @Test
    void recordsAreCloudEventsKeyedByTransportAndPort() {
        ReadyRegistry.await60s();
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(outbox::size) == 0);
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.PORT_KNOWLEDGE)) {
            ConsumerRecord<String, byte[]> arms = reader.readToEnd(Duration.ofSeconds(60)).stream()
                    .filter(record -> "udp/3283".equals(record.key())).reduce((first, second) -> second).orElseThrow();

            CloudEvent cloudEvent = CloudEvent.from(arms.headers());
            PortKnowledge knowledge = EventJson.fromBytes(arms.value(), PortKnowledge.class);
            assertThat(cloudEvent.type()).isEqualTo("portwatch.knowledge.changed");
            assertThat(cloudEvent.source()).isEqualTo("/portwatch/registry-service");
            assertThat(cloudEvent.id()).isEqualTo("udp/3283@" + knowledge.version());
            assertThat(cloudEvent.contentType()).isEqualTo("application/json");
            assertThat(knowledge.serviceName()).isEqualTo("net-assistant");
        }
    }

    @Test
    void republishPutsEveryEntryOnTheTopicAgain() {
        ReadyRegistry.await60s();
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(outbox::size) == 0);
        long before;
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.PORT_KNOWLEDGE)) {
            before = reader.readToEnd(Duration.ofSeconds(60)).stream().filter(record -> "udp/3283".equals(record.key())).count();
        }

        int queued = given().auth().oauth2(Tokens.admin()).post("/api/v1/admin/republish").then()
                .statusCode(200).extract().path("queued");

        assertThat(queued).isGreaterThan(12_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(outbox::size) == 0);
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.PORT_KNOWLEDGE)) {
            assertThat(reader.readToEnd(Duration.ofSeconds(60)).stream().filter(record -> "udp/3283".equals(record.key())).count())
                    .isEqualTo(before + 1);
        }
        given().post("/api/v1/admin/republish").then().statusCode(401);
    }

    private static Map<String, PortKnowledge> everyEntryFromTheApi() {
        Map<String, PortKnowledge> entries = new HashMap<>();
        int totalPages;
        int page = 0;
        do {
            var response = given().queryParam("size", 100).queryParam("page", page).get("/api/v1/ports").then()
                    .statusCode(200).extract();
            List<PortKnowledge> items = response.jsonPath().getList("items", PortKnowledge.class);
            items.forEach(knowledge -> entries.put(knowledge.key().toString(), knowledge));
            totalPages = response.path("totalPages");
            page++;
        } while (page < totalPages);
        return entries;
    }
}
