package io.portwatch.registry.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.events.Topics;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.OutboxId;
import io.portwatch.registry.config.RegistryConfig;
import io.portwatch.registry.failure.RootCause;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.context.ManagedExecutor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the knowledge outbox to {@code portwatch.port-knowledge}, exactly once and in commit order.
 * Each record carries its outbox id in a header and goes to the partition Kafka's default
 * partitioner would choose for its key. Before sending, the relay reads the end of each partition back
 * ({@link KnowledgeTopicTail}): an outbox row whose id is not above that partition's last id was already sent
 * by a run that died before deleting it, and is skipped. Rows are deleted in the same transaction that
 * holds the relay lock, after the broker acknowledged them. A row the broker will never take (e.g. a record
 * over {@code max.request.size}) is parked instead, counted in {@value #PARKED_METRIC} and logged once with
 * its key, and the rows behind it go out; any other failure (the broker away) fails the round, which is
 * tried again as a whole. Each round handles at most {@code batch-size} rows.
 */
@ApplicationScoped
public class OutboxRelay {
    static final String SOURCE = "/portwatch/registry-service";
    static final String CHANGED = "portwatch.knowledge.changed";
    /** Counter of outbox rows parked because the broker will not take their record. */
    public static final String PARKED_METRIC = "portwatch.registry.outbox.parked";
    /** Gauge of when this replica last finished a relay round, sent or not (epoch seconds): stalls show as its age. */
    public static final String LAST_ROUND_METRIC = "portwatch.registry.outbox.last.round";

    private final OutboxStore outbox;
    private final KnowledgeTopicTail tail;
    private final Counter parked;
    private final AtomicLong lastRound = new AtomicLong(Instant.now().getEpochSecond());
    private final RegistryConfig.Outbox config;
    private final Map<String, Object> kafkaConfig;
    private final ManagedExecutor executor;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private KafkaProducer<String, byte[]> producer;
    private Map<Integer, Long> lastSentByPartition;
    private volatile boolean enabled;

    public OutboxRelay(OutboxStore outbox, KnowledgeTopicTail tail, RegistryConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ManagedExecutor executor, MeterRegistry meters) {
        this.outbox = outbox;
        this.tail = tail;
        this.parked = Counter.builder(PARKED_METRIC)
                .description("Knowledge outbox rows parked because the broker will not take their record")
                .register(meters);
        Gauge.builder(LAST_ROUND_METRIC, lastRound, AtomicLong::get).baseUnit("seconds")
                .description("When the knowledge outbox relay last finished a round (epoch seconds)")
                .register(meters);
        this.config = config.outbox();
        this.kafkaConfig = kafkaConfig;
        this.executor = executor;
    }

    /** Starts relaying, once the schema exists. */
    public void enable() {
        enabled = true;
        wakeUp();
    }

    /** Relays soon, without waiting for the next tick. */
    public void wakeUp() {
        if (enabled && wakeUpPending.compareAndSet(false, true)) {
            executor.runAsync(() -> {
                wakeUpPending.set(false);
                relayQuietly();
            });
        }
    }

    @Scheduled(identity = "knowledge-outbox", every = "${portwatch.registry.outbox.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (enabled) {
            relayQuietly();
        }
    }

    /**
     * Sends everything queued; returns how many records it sent. Each call starts by reading what
     * the topic already holds, since another replica, or a run that died, may have sent rows since.
     */
    public synchronized int relayAll() {
        lastSentByPartition = null;
        int sent = 0;
        Round round;
        do {
            round = QuarkusTransaction.requiringNew().timeout((int) config.sendTimeout().toSeconds() * 2).call(this::relayBatch);
            sent += round.sent();
        } while (round.sent() + round.parked() > 0);
        return sent;
    }

    /** What one round did: records the broker acknowledged, and rows parked because it never will. */
    private record Round(int sent, int parked) {
    }

    private void relayQuietly() {
        try {
            long started = System.nanoTime();
            int sent = relayAll();
            lastRound.set(Instant.now().getEpochSecond());
            if (sent > 0) {
                Log.infof("Relayed %d knowledge records to %s in %d ms", sent, Topics.PORT_KNOWLEDGE,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            Log.errorf("Knowledge outbox not relayed, retrying in %d s: %s", config.interval().toSeconds(), RootCause.describe(e));
        }
    }

    private Round relayBatch() {
        if (!outbox.tryRelayLock()) {
            return new Round(0, 0);
        }
        List<QueuedRecord> queued = outbox.queued(config.batchSize());
        if (queued.isEmpty()) {
            return new Round(0, 0);
        }
        KafkaProducer<String, byte[]> kafka = producer();
        if (lastSentByPartition == null) {
            lastSentByPartition = tail.lastSentIds(partitions(kafka), outbox.lastIssuedId());
        }
        int partitions = kafka.partitionsFor(Topics.PORT_KNOWLEDGE).size();
        Map<QueuedRecord, Future<RecordMetadata>> acks = new LinkedHashMap<>();
        Map<Integer, Long> sending = new HashMap<>(lastSentByPartition);
        for (QueuedRecord record : queued) {
            int partition = partitionOf(record.key().toString(), partitions);
            if (record.id() > sending.getOrDefault(partition, 0L)) {
                acks.put(record, kafka.send(toProducerRecord(record, partition)));
                sending.put(partition, record.id());
            }
        }
        Map<QueuedRecord, String> unsendable = awaitAll(acks);
        unsendable.forEach(this::park);
        lastSentByPartition = sending;
        outbox.dequeueUpTo(queued.get(queued.size() - 1).id());
        return new Round(acks.size() - unsendable.size(), unsendable.size());
    }

    private void park(QueuedRecord record, String reason) {
        outbox.park(record.id(), reason);
        parked.increment();
        Log.errorf("Knowledge outbox row %d (%s version %d, %d characters) parked: the broker will not take it (%s); the rows "
                + "behind it go out", record.id(), record.key(), record.version(), record.payload().length(), reason);
    }

    private ProducerRecord<String, byte[]> toProducerRecord(QueuedRecord record, int partition) {
        RecordHeaders headers = new RecordHeaders();
        new CloudEvent(CloudEvent.SPEC_VERSION, record.key() + "@" + record.version(), SOURCE, CHANGED, Instant.now(),
                CloudEvent.JSON).writeTo(headers);
        headers.add(OutboxId.header(record.id()));
        return new ProducerRecord<>(Topics.PORT_KNOWLEDGE, partition, record.key().toString(),
                record.payload().getBytes(StandardCharsets.UTF_8), headers);
    }

    /** The partition Kafka's default partitioner gives a keyed record. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * Waits for every acknowledgement; answers the records the broker will never take, with the reason.
     *
     * @throws IllegalStateException when a record failed for any other reason (the broker away): the round is tried again
     */
    private Map<QueuedRecord, String> awaitAll(Map<QueuedRecord, Future<RecordMetadata>> acks) {
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        Map<QueuedRecord, String> unsendable = new LinkedHashMap<>();
        try {
            for (Map.Entry<QueuedRecord, Future<RecordMetadata>> ack : acks.entrySet()) {
                try {
                    ack.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    if (!UnsendableRecord.is(e.getCause())) {
                        throw e;
                    }
                    unsendable.put(ack.getKey(), RootCause.describe(e));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the knowledge outbox", e);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not acknowledge the knowledge outbox: " + RootCause.describe(e), e);
        }
        return unsendable;
    }

    /** The admin client's part of the Kafka configuration: the whole broker connection (TLS, SASL, ...), not only its address. */
    static Map<String, Object> adminConfig(Map<String, Object> kafkaConfig) {
        Map<String, Object> adminConfig = new HashMap<>(kafkaConfig);
        adminConfig.keySet().retainAll(AdminClientConfig.configNames());
        return adminConfig;
    }

    /** The knowledge topic's id (Kafka's UUID of it), and whether it has never had a record; throws when Kafka cannot be asked. */
    public TopicState knowledgeTopic() {
        Map<String, Object> adminConfig = adminConfig(kafkaConfig);
        Map<String, Object> consumerConfig = new HashMap<>(kafkaConfig);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (Admin admin = Admin.create(adminConfig);
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicDescription description = admin.describeTopics(List.of(Topics.PORT_KNOWLEDGE)).allTopicNames()
                    .get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS).get(Topics.PORT_KNOWLEDGE);
            List<TopicPartition> partitions = description.partitions().stream()
                    .map(info -> new TopicPartition(Topics.PORT_KNOWLEDGE, info.partition()))
                    .toList();
            boolean empty = consumer.endOffsets(partitions, config.sendTimeout()).values().stream().allMatch(end -> end == 0);
            return new TopicState(description.topicId().toString(), empty);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + Topics.PORT_KNOWLEDGE, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + Topics.PORT_KNOWLEDGE + ": " + RootCause.describe(e), e);
        }
    }

    /**
     * The knowledge topic as Kafka has it now.
     *
     * @param topicId Kafka's id of the topic: another id means another topic, whatever its name
     * @param empty   whether it has never had a record
     */
    public record TopicState(String topicId, boolean empty) {
    }

    private List<TopicPartition> partitions(KafkaProducer<String, byte[]> kafka) {
        return kafka.partitionsFor(Topics.PORT_KNOWLEDGE).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> producerConfig = new HashMap<>(kafkaConfig);
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.sendTimeout().toMillis());
            producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis());
            producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis() / 2);
            producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    void onStop(@Observes ShutdownEvent event) {
        enabled = false;
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
        }
    }
}
