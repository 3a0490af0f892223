package io.portwatch.registry.knowledge;

import io.portwatch.events.Topics;
import io.portwatch.registry.ReadyRegistry;
import io.portwatch.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A knowledge topic deleted and created again (a new cluster beside a kept database) gets every entry again, without a restart, even when a change reached it first. */
@QuarkusTest
class RecreatedTopicTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    KnowledgeIndex index;

    @Test
    void anEmptiedTopicGetsEveryEntryAgain() throws Exception {
        ReadyRegistry.await60s();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.deleteTopics(List.of(Topics.PORT_KNOWLEDGE)).all().get();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                admin.createTopics(List.of(new NewTopic(Topics.PORT_KNOWLEDGE, 3, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
                return admin.listTopics().names().get().contains(Topics.PORT_KNOWLEDGE);
            });
        }

        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.PORT_KNOWLEDGE)) {
            Set<String> keys = new java.util.HashSet<>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                reader.poll().forEach(record -> keys.add(record.key()));
                return keys.size() >= index.size();
            });
            assertThat(keys).contains("udp/3283", "tcp/311", "tcp/3031");
        }
    }
}
