package io.portwatch.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a topic from its beginning with a plain Kafka consumer (no group, no commits), the way a
 * subscriber would; {@link #poll()} returns everything read so far, for Awaitility to poll on.
 */
public final class TopicReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls once and returns every record read since this reader was opened. */
    public List<ConsumerRecord<String, byte[]>> poll() {
        consumer.poll(POLL).forEach(records::add);
        return List.copyOf(records);
    }

    /**
     * Polls until everything the topic held when called has been read, within a deadline, and
     * returns every record read since this reader was opened.
     */
    public List<ConsumerRecord<String, byte[]>> readToEnd(Duration deadline) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        long until = System.nanoTime() + deadline.toNanos();
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("did not read to the end of " + ends.keySet() + " within " + deadline);
            }
            poll();
        }
        return List.copyOf(records);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
