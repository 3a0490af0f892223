package io.portwatch.alert.listeners;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first offsets of the listener partitions after an assignment, against the suite's broker: below them a record is
 * gone from the topic, so a record the database refused and kept there is never read again ({@link PendingRefusals}).
 * Moved by retention (here: records deleted), whatever the group has committed.
 */
@QuarkusTest
class ListenerRebalanceListenerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private Admin admin;
    private String topic;
    private TopicPartition partition;

    @BeforeEach
    void aTopicOfTenRecords() throws ExecutionException, InterruptedException {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        topic = "first-offsets-" + UUID.randomUUID();
        partition = new TopicPartition(topic, 0);
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            for (int record = 0; record < 10; record++) {
                producer.send(new ProducerRecord<>(topic, "host", "record " + record)).get();
            }
        }
    }

    @AfterEach
    void deleteTopic() throws ExecutionException, InterruptedException {
        admin.deleteTopics(List.of(topic)).all().get();
        admin.close();
    }

    @Test
    void aPartitionsFirstOffsetMovesWithItsRetentionWhateverTheGroupCommitted() throws ExecutionException, InterruptedException {
        try (KafkaConsumer<String, String> consumer = assigned()) {
            assertThat(ListenerRebalanceListener.firstOffsets(consumer, List.of(partition))).containsExactlyEntriesOf(Map.of(0, 0L));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(9)));
        }
        admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(7))).all().get();
        try (KafkaConsumer<String, String> consumer = assigned()) {
            assertThat(ListenerRebalanceListener.firstOffsets(consumer, List.of(partition))).as("committed 9, records below 7 deleted")
                    .containsExactlyEntriesOf(Map.of(0, 7L));
        }
    }

    @Test
    void aPartitionTheBrokerDoesNotKnowGivesNoFirstOffsets() {
        try (KafkaConsumer<String, String> consumer = assigned()) {
            assertThat(ListenerRebalanceListener.firstOffsets(consumer, List.of(new TopicPartition(topic + "-missing", 0))))
                    .as("nothing is taken as gone, and the consumer goes on").isEmpty();
        }
    }

    private KafkaConsumer<String, String> assigned() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, topic + "-group", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        consumer.assign(List.of(partition));
        return consumer;
    }
}
