package io.portwatch.registry.knowledge;

import io.portwatch.events.Topics;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.registry.ReadyRegistry;
import io.portwatch.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class KnowledgeTopicTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void curatedKnowledgeIsOnTheCompactedTopicAsCloudEvents() {
        ReadyRegistry.await60s();
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.PORT_KNOWLEDGE)) {
            ConsumerRecord<String, byte[]> arms = await().atMost(Duration.ofSeconds(30))
                    .until(() -> find(reader, "udp/3283"), Optional::isPresent).orElseThrow();

            PortKnowledge knowledge = EventJson.fromBytes(arms.value(), PortKnowledge.class);
            assertThat(knowledge.serviceName()).isEqualTo("net-assistant");
            assertThat(knowledge.risk()).isEqualTo(Risk.CRITICAL);
            CloudEvent cloudEvent = CloudEvent.from(arms.headers());
            assertThat(cloudEvent.type()).isEqualTo("portwatch.knowledge.changed");
            assertThat(cloudEvent.source()).isEqualTo("/portwatch/registry-service");
            assertThat(cloudEvent.id()).isEqualTo("udp/3283@" + knowledge.version());
        }
    }

    private static Optional<ConsumerRecord<String, byte[]>> find(TopicReader reader, String key) {
        return reader.poll().stream().filter(record -> key.equals(record.key())).findFirst();
    }
}
