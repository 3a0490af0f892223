package io.portwatch.registry.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portwatch.events.Topics;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.OutboxId;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.registry.ReadyRegistry;
import io.portwatch.testing.TopicReader;
import io.portwatch.testing.TopicWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Records the relay did not send, at the end of the partition it reads back, are skipped and counted: a null value,
 * a value that is not JSON, the JSON {@code null}, knowledge that breaks the contract, and a forged outbox id far above any the database
 * handed out (which, taken for the relay's own, would make it drop the next update as already sent).
 */
@QuarkusTest
@TestProfile(SmallRecordsProfile.class)
class KnowledgeTopicTailTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int PORT = 47_301;
    private static final String KEY = "tcp/" + PORT;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final OutboxStore outbox;

    KnowledgeTopicTailTest(OutboxStore outbox) {
        this.outbox = outbox;
    }

    @Test
    void hostileRecordsAtTheEndAreSkippedAndCountedAndTheNextUpdateArrives() {
        ReadyRegistry.await60s();
        await().atMost(DEADLINE).until(() -> QuarkusTransaction.requiringNew().call(outbox::size) == 0);
        byte[] knowledge = EventJson.toBytes(PortKnowledge.unassigned(new PortKey(Transport.TCP, PORT)));
        ObjectNode escaping = EventJson.mapper().valueToTree(PortKnowledge.unassigned(new PortKey(Transport.TCP, PORT)));
        escaping.put("serviceName", "a\u001b[2K\u001b[8m");
        try (TopicWriter writer = new TopicWriter(bootstrapServers)) {
            writer.send(Topics.PORT_KNOWLEDGE, KEY, null, List.of());
            writer.send(Topics.PORT_KNOWLEDGE, KEY, "not json".getBytes(StandardCharsets.UTF_8), relayHeaders("abc"));
            writer.send(Topics.PORT_KNOWLEDGE, KEY, "null".getBytes(StandardCharsets.UTF_8), relayHeaders("1"));
            writer.send(Topics.PORT_KNOWLEDGE, KEY, EventJson.toBytes(escaping), relayHeaders("1"));
            writer.send(Topics.PORT_KNOWLEDGE, KEY, knowledge, relayHeaders("999999999"));
        }

        KnowledgeWrites.create(PORT, 0);

        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.PORT_KNOWLEDGE)) {
            await().atMost(DEADLINE).until(() -> reader.poll().stream().anyMatch(KnowledgeTopicTailTest::curatedByTheRelay));
        }
        get("/q/metrics").then().body(containsString("portwatch_registry_knowledge_skipped_total 5.0"));
    }

    private static boolean curatedByTheRelay(ConsumerRecord<String, byte[]> record) {
        return KEY.equals(record.key()) && record.value() != null
                && new String(record.value(), StandardCharsets.UTF_8).contains("outbox test " + PORT)
                && !"999999999".equals(new String(record.headers().lastHeader(OutboxId.HEADER).value(), StandardCharsets.UTF_8));
    }

    private static List<Header> relayHeaders(String outboxId) {
        RecordHeaders headers = new RecordHeaders();
        new CloudEvent(CloudEvent.SPEC_VERSION, KEY + "@1", OutboxRelay.SOURCE, OutboxRelay.CHANGED, Instant.now(), CloudEvent.JSON)
                .writeTo(headers);
        headers.add(new RecordHeader(OutboxId.HEADER, outboxId.getBytes(StandardCharsets.UTF_8)));
        return new ArrayList<>(List.of(headers.toArray()));
    }
}
