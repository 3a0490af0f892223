package io.portwatch.registry.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.events.Topics;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.contract.PortKnowledgeContract;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.OutboxId;
import io.portwatch.events.json.MalformedEventException;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.registry.config.RegistryConfig;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the end of each knowledge topic partition back for the outbox id of the last record the relay sent there.
 * Anyone with write access can append to the topic, so a record the relay cannot have sent (no or a malformed
 * outbox id, an id the database never handed out, another source, a null value, a value that is not knowledge
 * keeping {@link PortKnowledgeContract}) is skipped, counted in {@value #SKIPPED_METRIC} and logged once with
 * its partition and offset, and the read goes on back to the relay's own last record. At most
 * {@code read-back-records} records per partition are read; a partition with none of the relay's in them reads
 * as empty, so waiting rows may be sent twice but never lost.
 */
@ApplicationScoped
public class KnowledgeTopicTail {

    /** Counter of records at the end of the knowledge topic that the relay did not send. */
    public static final String SKIPPED_METRIC = "portwatch.registry.knowledge.skipped";

    private final RegistryConfig.Outbox config;
    private final Map<String, Object> kafkaConfig;
    private final PortKnowledgeContract contract;
    private final Counter skipped;
    /** Per partition, the highest offset already counted and logged, so a record that stays at the end is reported once. */
    private final Map<Integer, Long> reportedUpTo = new ConcurrentHashMap<>();

    public KnowledgeTopicTail(RegistryConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MeterRegistry meters) {
        this.config = config.outbox();
        this.kafkaConfig = kafkaConfig;
        this.contract = new PortKnowledgeContract(this.config.clockSkew());
        this.skipped = Counter.builder(SKIPPED_METRIC)
                .description("Records at the end of the knowledge topic that the outbox relay did not send, skipped when reading it back")
                .register(meters);
    }

    /**
     * The outbox id of the last record the relay sent to each partition (0 for none found).
     *
     * @param lastIssuedId the largest outbox id the database ever handed out
     */
    public Map<Integer, Long> lastSentIds(List<TopicPartition> partitions, long lastIssuedId) {
        Map<Integer, Long> lastIds = new HashMap<>();
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> tails = read(partitions);
        tails.forEach((partition, records) -> lastIds.put(partition.partition(), lastSentId(partition, records, lastIssuedId)));
        return lastIds;
    }

    private long lastSentId(TopicPartition partition, List<ConsumerRecord<String, byte[]>> records, long lastIssuedId) {
        if (records.isEmpty()) {
            return 0;
        }
        long end = records.get(records.size() - 1).offset();
        long reported = reportedUpTo.getOrDefault(partition.partition(), -1L);
        reportedUpTo.put(partition.partition(), end);
        if (end < reported) {
            reported = -1;
        }
        for (int i = records.size() - 1; i >= 0; i--) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            Optional<String> notSent = notSentByTheRelay(record, lastIssuedId);
            if (notSent.isEmpty()) {
                return OutboxId.of(record.headers()).getAsLong();
            }
            if (record.offset() > reported) {
                skipped.increment();
                Log.warnf("Skipped %s@%d (key %s) reading the knowledge topic back: the outbox relay did not send it (%s)",
                        partition, record.offset(), ControlCharacters.escapeAndCut(record.key(), 80), notSent.get());
            }
        }
        if (end > reported) {
            Log.warnf("None of the last %d records of %s was sent by the outbox relay: its waiting rows go out again",
                    records.size(), partition);
        }
        return 0;
    }

    /** Why the relay cannot have sent this record; empty when it can have. */
    private Optional<String> notSentByTheRelay(ConsumerRecord<String, byte[]> record, long lastIssuedId) {
        OptionalLong id = OutboxId.sentBy(record.headers(), OutboxRelay.SOURCE);
        if (id.isEmpty() || id.getAsLong() <= 0) {
            return Optional.of("no " + OutboxId.HEADER + " header with an outbox id, from source " + OutboxRelay.SOURCE);
        }
        if (id.getAsLong() > lastIssuedId) {
            return Optional.of("outbox id " + id.getAsLong() + " was never handed out (the last is " + lastIssuedId + ")");
        }
        try {
            PortKnowledge knowledge = EventJson.fromBytes(record.value(), PortKnowledge.class);
            return knowledge == null ? Optional.of("the value is JSON null")
                    : contract.violation(record.key(), knowledge, Instant.ofEpochMilli(record.timestamp()));
        } catch (MalformedEventException e) {
            return Optional.of(ControlCharacters.escapeAndCut(e.getMessage(), 200));
        }
    }

    /** The last {@code read-back-records} records of each partition, in offset order, within the send timeout. */
    private Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> read(List<TopicPartition> partitions) {
        Map<String, Object> consumerConfig = new HashMap<>(kafkaConfig);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.readBackRecords());
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> tails = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            List<TopicPartition> pending = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                tails.put(partition, new ArrayList<>());
                long end = ends.get(partition);
                if (end > starts.get(partition)) {
                    consumer.seek(partition, Math.max(starts.get(partition), end - config.readBackRecords()));
                    pending.add(partition);
                }
            }
            consumer.assign(pending);
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    tails.get(new TopicPartition(record.topic(), record.partition())).add(record);
                }
                pending.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
            }
            if (!pending.isEmpty()) {
                throw new IllegalStateException("could not read the last records of " + pending + " in " + Topics.PORT_KNOWLEDGE);
            }
        }
        return tails;
    }
}
