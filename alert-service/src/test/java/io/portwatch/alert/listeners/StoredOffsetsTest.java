package io.portwatch.alert.listeners;

import io.portwatch.alert.config.AlertConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the poller commits ({@link StoredOffsets}) and the settings its consumer gets ({@link ListenerPoller#settings}). */
class StoredOffsetsTest {

    private static final TopicPartition P0 = new TopicPartition("portwatch.listeners", 0);
    private static final TopicPartition P1 = new TopicPartition("portwatch.listeners", 1);

    @Test
    void theOffsetPastEachPartitionsLastStoredRecordIsCommittedOnceAndNeverLowered() {
        StoredOffsets offsets = new StoredOffsets();

        offsets.stored(List.of(batch(Map.of(P0, records(P0, 10, 3), P1, records(P1, 4, 1))), batch(Map.of(P0, records(P0, 13, 2)))));

        assertThat(offsets.take()).isEqualTo(Map.of(P0, new OffsetAndMetadata(15), P1, new OffsetAndMetadata(5)));
        assertThat(offsets.take()).as("taken once").isEmpty();

        offsets.stored(List.of(batch(Map.of(P0, records(P0, 20, 1)))));
        offsets.stored(List.of(batch(Map.of(P0, records(P0, 7, 1)))));
        assertThat(offsets.take()).as("a batch stored later never lowers an offset").isEqualTo(Map.of(P0, new OffsetAndMetadata(21)));
    }

    @Test
    void theConsumerGetsTheServicesKafkaSettingsThenItsOwn() {
        Map<String, Object> settings = ListenerPoller.settings(listeners(Optional.of(Duration.ofSeconds(6))),
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:19092", "security.protocol", "SSL",
                        ConsumerConfig.GROUP_ID_CONFIG, "alert-service-app", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true"));

        assertThat(settings).containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:19092")
                .containsEntry("security.protocol", "SSL")
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "alert-service")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200)
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000);
        assertThat(ListenerPoller.settings(listeners(Optional.empty()), Map.of())).doesNotContainKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
    }

    private static AlertConfig.Listeners listeners(Optional<Duration> sessionTimeout) {
        return new AlertConfig.Listeners() {
            @Override
            public String groupId() {
                return "alert-service";
            }

            @Override
            public int maxPollRecords() {
                return 200;
            }

            @Override
            public long maxBatchBytes() {
                return 1 << 20;
            }

            @Override
            public Optional<Duration> sessionTimeout() {
                return sessionTimeout;
            }
        };
    }

    private static ConsumerRecords<String, ListenerRecord> batch(Map<TopicPartition, List<ConsumerRecord<String, ListenerRecord>>> records) {
        return new ConsumerRecords<>(records, Map.of());
    }

    private static List<ConsumerRecord<String, ListenerRecord>> records(TopicPartition partition, long from, int count) {
        return LongStream.range(from, from + count)
                .mapToObj(offset -> new ConsumerRecord<String, ListenerRecord>(partition.topic(), partition.partition(), offset, "host", null))
                .toList();
    }
}
