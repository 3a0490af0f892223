package io.portwatch.alert.listeners;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offsets past the listener records stored so far and not yet committed: the storing thread adds them once a
 * transaction is committed, the polling thread ({@link ListenerPoller}) takes them and commits them to Kafka (its
 * consumer is not thread-safe). Offsets only move forward: a batch stored later never lowers one.
 */
@Singleton
class StoredOffsets {

    private Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();

    /** Records that these polled batches are stored, every record of each. */
    synchronized void stored(List<ConsumerRecords<String, ListenerRecord>> batches) {
        for (ConsumerRecords<String, ListenerRecord> batch : batches) {
            for (TopicPartition partition : batch.partitions()) {
                List<ConsumerRecord<String, ListenerRecord>> records = batch.records(partition);
                long next = records.get(records.size() - 1).offset() + 1;
                OffsetAndMetadata before = pending.get(partition);
                if (before == null || before.offset() < next) {
                    pending.put(partition, new OffsetAndMetadata(next));
                }
            }
        }
    }

    /** The offsets to commit, removed from here (empty when nothing was stored since the last call). */
    synchronized Map<TopicPartition, OffsetAndMetadata> take() {
        Map<TopicPartition, OffsetAndMetadata> taken = pending;
        pending = new HashMap<>();
        return taken;
    }
}
