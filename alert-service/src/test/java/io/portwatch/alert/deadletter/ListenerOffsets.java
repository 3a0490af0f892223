package io.portwatch.alert.deadletter;

import io.portwatch.events.Topics;
import io.portwatch.testing.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.awaitility.Awaitility.await;

/** Where records of the listener topic are, and whether alert-service's consumer group committed past them. */
final class ListenerOffsets {

    private ListenerOffsets() {
    }

    /** The listener partition and the highest offset of the {@code count} records with this key, once all are there. */
    static Map<TopicPartition, Long> of(String bootstrapServers, String key, int count, Duration deadline) {
        try (TopicReader listeners = new TopicReader(bootstrapServers, Topics.LISTENERS)) {
            Map<TopicPartition, Long> where = new HashMap<>();
            await().atMost(deadline).until(() -> listeners.poll().stream().filter(record -> key.equals(record.key())).count() == count);
            listeners.poll().stream().filter(record -> key.equals(record.key()))
                    .forEach(record -> where.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::max));
            return where;
        }
    }

    /** Whether the consumer group committed offsets past all of these (partition, offset). */
    static boolean committedBeyond(Admin admin, String groupId, Map<TopicPartition, Long> where)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        return where.entrySet().stream().allMatch(position -> committed.get(position.getKey()) != null
                && committed.get(position.getKey()).offset() > position.getValue());
    }
}
