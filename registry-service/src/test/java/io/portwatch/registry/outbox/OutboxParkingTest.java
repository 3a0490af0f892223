package io.portwatch.registry.outbox;

import io.portwatch.events.Topics;
import io.portwatch.registry.ReadyRegistry;
import io.portwatch.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** A curated update whose record the producer refuses (over max.request.size) is parked; the updates behind it go out. */
@QuarkusTest
@TestProfile(SmallRecordsProfile.class)
class OutboxParkingTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final OutboxStore outbox;

    OutboxParkingTest(OutboxStore outbox) {
        this.outbox = outbox;
    }

    @Test
    void recordTooLargeIsParkedAndTheUpdatesBehindItArrive() {
        ReadyRegistry.await60s();
        await().atMost(DEADLINE).until(() -> QuarkusTransaction.requiringNew().call(outbox::size) == 0);

        KnowledgeWrites.create(47_201, 10);
        KnowledgeWrites.create(47_202, 0);
        KnowledgeWrites.create(47_203, 1);

        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.PORT_KNOWLEDGE)) {
            await().atMost(DEADLINE).until(() -> keys(reader.poll()).containsAll(List.of("tcp/47202", "tcp/47203")));
            assertThat(keys(reader.readToEnd(DEADLINE))).doesNotContain("tcp/47201");
        }
        await().atMost(DEADLINE).until(() -> QuarkusTransaction.requiringNew().call(outbox::size) == 0);
        assertThat(QuarkusTransaction.requiringNew().call(outbox::parked)).hasSize(1);
        get("/q/metrics").then().body(containsString("portwatch_registry_outbox_parked_total 1.0"))
                // The relay finished its rounds: the stall alert's gauge is there (deploy/monitoring).
                .body(containsString("portwatch_registry_outbox_last_round_seconds "));
    }

    private static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }
}
