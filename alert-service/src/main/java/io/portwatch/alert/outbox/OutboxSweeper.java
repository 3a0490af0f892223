package io.portwatch.alert.outbox;

import io.portwatch.alert.findings.FindingPublisher;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends what a crashed (or broker-less) run left in the alert outbox, exactly once: rows older than
 * {@link #ORPHAN_AGE} are no longer in a live send, so the sweeper reads their topics from just before
 * the oldest row was written, skips every topic on which a record already carries the row's outbox id
 * (a crash can come between a row's topics), sends the rest and deletes them all. One replica sweeps
 * at a time (an advisory lock).
 */
@ApplicationScoped
public class OutboxSweeper {

    static final Duration ORPHAN_AGE = Duration.ofMinutes(1);
    private static final long SWEEP_LOCK = 0x706f72747763L;
    private static final Duration READ_BACK = Duration.ofMinutes(1);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** A record of an outbox row on one of its topics. */
    private record Sent(String topic, long outboxId) {
    }

    private final FindingPublisher publisher;
    private final Map<String, Object> kafkaConfig;

    public OutboxSweeper(FindingPublisher publisher, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.publisher = publisher;
        this.kafkaConfig = kafkaConfig;
    }

    @Scheduled(identity = "alert-outbox-sweep", every = "30s", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepOrphans() {
        sweep(Instant.now().minus(ORPHAN_AGE));
    }

    /** Sends and deletes the outbox rows created before {@code cutoff}; returns how many records it sent. */
    public int sweep(Instant cutoff) {
        try {
            return QuarkusTransaction.requiringNew().timeout((int) DEADLINE.toSeconds() * 3).call(() -> {
                if (!tryLock()) {
                    return 0;
                }
                List<OutboxEntity> orphans = OutboxEntity.createdBefore(cutoff);
                if (orphans.isEmpty()) {
                    return 0;
                }
                Set<Sent> alreadySent = sent(orphans);
                Function<OutboxEntity, List<String>> unsentTopics = row -> row.topics.stream()
                        .filter(topic -> !alreadySent.contains(new Sent(topic, row.id))).toList();
                int records = orphans.stream().mapToInt(row -> row.topics.size()).sum();
                int unsent = orphans.stream().mapToInt(row -> unsentTopics.apply(row).size()).sum();
                publisher.send(orphans, unsentTopics).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                OutboxEntity.deleteSent(orphans.stream().map(row -> row.id).toList());
                Log.infof("Alert outbox: %d rows (%d records) left by an earlier run, %d records already on their topics, %d sent now",
                        orphans.size(), records, records - unsent, unsent);
                return unsent;
            });
        } catch (Exception e) {
            Log.errorf("Alert outbox not swept, retrying in 30 s: %s", e.getMessage());
            return 0;
        }
    }

    private boolean tryLock() {
        return (Boolean) OutboxEntity.getEntityManager().createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, SWEEP_LOCK).getSingleResult();
    }

    /** The outbox ids carried by the records of the rows' topics written since just before the oldest row, by topic. */
    private Set<Sent> sent(List<OutboxEntity> rows) {
        long since = rows.stream().map(row -> row.createdAt).min(Instant::compareTo).orElseThrow().minus(READ_BACK).toEpochMilli();
        Set<String> topics = rows.stream().flatMap(row -> row.topics.stream()).collect(Collectors.toSet());
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Set<Sent> seen = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic, DEADLINE).stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(
                    partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> since)));
            partitions.forEach(partition -> {
                OffsetAndTimestamp start = starts.get(partition);
                consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
            });
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the alert topics back within " + DEADLINE);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header header = record.headers().lastHeader(FindingPublisher.OUTBOX_ID_HEADER);
                    if (header != null) {
                        seen.add(new Sent(record.topic(), Long.parseLong(new String(header.value(), StandardCharsets.UTF_8))));
                    }
                }
            }
        }
        return seen;
    }
}
