package io.portwatch.alert.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.database.SchemaJobs;
import io.portwatch.events.json.OutboxId;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends what a crashed (or broker-less) run left in the alert outbox, exactly once: rows older than twice the
 * producer's delivery timeout ({@code portwatch.alert.outbox.delivery-timeout}, also the sweep's interval) plus its
 * metadata wait are no longer in a live send, so the sweeper reads their topics from just before
 * the oldest row was written, skips every topic on which a record already carries the row's outbox id
 * (a crash can come between a row's topics), sends the rest and deletes what the broker acknowledged. A
 * row the broker refuses for good is parked (kept, with its reason, counted in
 * {@code portwatch.alert.outbox.parked}) so it never holds back the rows behind it; at most {@link #BATCH}
 * rows are swept, and read back, at a time. One replica sweeps at a time (an advisory lock). Created at start, so
 * that the parked counter is exported (at 0) from the first scrape.
 */
@Startup
@ApplicationScoped
public class OutboxSweeper {

    private static final long SWEEP_LOCK = 0x706f72747763L;
    private static final Duration READ_BACK = Duration.ofMinutes(1);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Rows swept, and read back, at a time: a long outage's outbox goes out over several sweeps. */
    static final int BATCH = 2_000;

    /** A record of an outbox row on one of its topics. */
    private record Sent(String topic, long outboxId) {
    }

    private final OutboxPublisher publisher;
    private final Map<String, Object> kafkaConfig;
    private final Counter parked;
    private final Duration orphanAge;

    public OutboxSweeper(OutboxPublisher publisher, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MeterRegistry registry, AlertConfig config) {
        this.publisher = publisher;
        this.kafkaConfig = kafkaConfig;
        this.orphanAge = config.outbox().deliveryTimeout().multipliedBy(2).plus(OutboxPublisher.MAX_BLOCK);
        this.parked = Counter.builder("portwatch.alert.outbox.parked")
                .description("Outbox rows the broker refused for good, parked so the rows behind them go out").register(registry);
    }

    @Scheduled(identity = "alert-outbox-sweep", every = "${portwatch.alert.outbox.delivery-timeout}",
            delayed = "${portwatch.alert.outbox.delivery-timeout}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaJobs.class)
    void sweepOrphans() {
        sweep(Instant.now().minus(orphanAge));
    }

    /** Sends and deletes the outbox rows created before {@code cutoff}; returns how many records it sent. */
    public int sweep(Instant cutoff) {
        try {
            return QuarkusTransaction.requiringNew().timeout((int) DEADLINE.toSeconds() * 3).call(() -> {
                if (!tryLock()) {
                    return 0;
                }
                List<OutboxEntity> orphans = OutboxEntity.createdBefore(cutoff, BATCH);
                if (orphans.isEmpty()) {
                    return 0;
                }
                Set<Sent> alreadySent = sent(orphans);
                Function<OutboxEntity, List<String>> unsentTopics = row -> row.topics.stream()
                        .filter(topic -> !alreadySent.contains(new Sent(topic, row.id))).toList();
                int records = orphans.stream().mapToInt(row -> row.topics.size()).sum();
                int unsent = orphans.stream().mapToInt(row -> unsentTopics.apply(row).size()).sum();
                Outcome outcome = settle(publisher.sendEach(orphans, unsentTopics));
                OutboxEntity.deleteSent(outcome.sent());
                Log.infof("Alert outbox: %d rows (%d records) left by an earlier run, %d records already on their topics,"
                        + " %d rows sent now, %d parked, %d left for the next sweep",
                        orphans.size(), records, records - unsent, outcome.sent().size(), outcome.parked(), outcome.left());
                Set<Long> sentIds = Set.copyOf(outcome.sent());
                return orphans.stream().filter(row -> sentIds.contains(row.id)).mapToInt(row -> unsentTopics.apply(row).size()).sum();
            });
        } catch (Exception e) {
            Log.errorf("Alert outbox not swept, retrying in 30 s: %s", e.getMessage());
            return 0;
        }
    }

    /** What became of the rows of a sweep: sent (to delete), parked, or left for the next sweep. */
    private record Outcome(List<Long> sent, int parked, int left) {
    }

    /**
     * Waits for each row's acknowledgement until the sweep's deadline: an acknowledged row is sent; a row the
     * broker refuses for good (not a retriable error: a record too large, one it cannot take) is parked with the
     * reason, counted and logged; anything else (the broker away, the deadline) stays for the next sweep.
     */
    private Outcome settle(Map<OutboxEntity, CompletableFuture<Void>> acks) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        List<Long> sent = new ArrayList<>();
        int parkedRows = 0;
        int left = 0;
        Instant now = Instant.now();
        for (Map.Entry<OutboxEntity, CompletableFuture<Void>> ack : acks.entrySet()) {
            OutboxEntity row = ack.getKey();
            try {
                ack.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(row.id);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    String reason = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
                    OutboxEntity.park(row.id, reason, now);
                    parked.increment();
                    parkedRows++;
                    Log.errorf("Alert outbox row %d (finding %s, version %d) parked: the broker refuses it for good (%s);"
                            + " the rows behind it go on", row.id, row.key, row.version, reason);
                } else {
                    left++;
                }
            } catch (TimeoutException e) {
                left++;
            }
        }
        return new Outcome(sent, parkedRows, left);
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
                    // Only this service's records count: another producer's forged id must not make a row look sent.
                    OutboxId.sentBy(record.headers(), OutboxPublisher.SOURCE).ifPresent(id -> seen.add(new Sent(record.topic(), id)));
                }
            }
        }
        return seen;
    }
}
