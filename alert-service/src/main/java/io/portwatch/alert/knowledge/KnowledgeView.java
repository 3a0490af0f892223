package io.portwatch.alert.knowledge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.deadletter.DeadLetters;
import io.portwatch.events.Topics;
import io.portwatch.events.contract.PortKnowledgeContract;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.MalformedEventException;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumes the compacted {@code portwatch.port-knowledge} topic from its beginning into memory, the
 * way a Kafka Streams global table does (assigned partitions, no consumer group): correlation looks
 * knowledge up here and never calls registry-service. Tombstones delete; records that break the contract
 * ({@link PortKnowledgeContract}) go to {@code portwatch.port-knowledge.dlq}. Fires {@link KnowledgeCaughtUp}
 * once the view has read up to the end offsets the topic had at start, and {@link KnowledgeChanged}
 * for every later change, so findings judged on the old knowledge are judged again.
 */
@ApplicationScoped
public class KnowledgeView {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(3);

    private final Map<PortKey, PortKnowledge> knowledge = new ConcurrentHashMap<>();
    private final Map<String, Object> kafkaConfig;
    private final Event<KnowledgeCaughtUp> caughtUpEvent;
    private final Event<KnowledgeChanged> changedEvent;
    private final DeadLetters deadLetters;
    private final PortKnowledgeContract contract;
    private final int maxRecordBytes;
    private final Counter stale;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean caughtUp;
    private volatile boolean running = true;

    public KnowledgeView(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            Event<KnowledgeCaughtUp> caughtUpEvent, Event<KnowledgeChanged> changedEvent, DeadLetters deadLetters,
            AlertConfig config, MeterRegistry registry) {
        this.kafkaConfig = kafkaConfig;
        this.caughtUpEvent = caughtUpEvent;
        this.changedEvent = changedEvent;
        this.deadLetters = deadLetters;
        this.contract = new PortKnowledgeContract(config.contract().futureSkew());
        this.maxRecordBytes = config.contract().maxRecordBytes();
        this.stale = Counter.builder("portwatch.alert.knowledge.records").tag("result", "stale")
                .description("Knowledge records ignored because their version is not above the one held").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        Thread thread = new Thread(this::consumeUntilShutdown, "knowledge-view");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** The knowledge of a transport/port, if the registry published any. */
    public Optional<PortKnowledge> find(PortKey key) {
        return Optional.ofNullable(knowledge.get(key));
    }

    /** Whether the view has read the whole topic as it was at start. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** How many entries the view holds. */
    public int size() {
        return knowledge.size();
    }

    private void consumeUntilShutdown() {
        while (running) {
            try (KafkaConsumer<String, byte[]> created = createConsumer()) {
                consumer = created;
                consume(created);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                Log.errorf("Knowledge view: reading %s failed, retrying in %d s: %s", Topics.PORT_KNOWLEDGE,
                        RETRY.toSeconds(), e.getMessage());
                pause();
            }
        }
    }

    private void consume(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PORT_KNOWLEDGE, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> endAtStart = new HashMap<>(consumer.endOffsets(partitions));
        while (running) {
            Set<PortKey> changed = new LinkedHashSet<>();
            consumer.poll(POLL).forEach(record -> apply(record).ifPresent(changed::add));
            if (caughtUp && !changed.isEmpty()) {
                changedEvent.fire(new KnowledgeChanged(Set.copyOf(changed)));
            }
            if (!caughtUp && endAtStart.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                caughtUp = true;
                Log.infof("Knowledge view caught up with %s: %d entries", Topics.PORT_KNOWLEDGE, knowledge.size());
                caughtUpEvent.fire(new KnowledgeCaughtUp(knowledge.size()));
            }
        }
    }

    /**
     * Applies a record; returns its key when it changed what the view knew. A tombstone deletes; an entry whose
     * version is not above the one held changes nothing (counted); a record that breaks the contract goes to
     * the dead-letter topic as it was received, and the view goes on.
     */
    private Optional<PortKey> apply(ConsumerRecord<String, byte[]> record) {
        PortKey key;
        PortKnowledge entry = null;
        try {
            key = PortKey.parse(record.key());
            if (record.value() != null) {
                entry = decode(record);
            }
        } catch (IllegalArgumentException | MalformedEventException e) {
            deadLetters.knowledge(record, e.getMessage());
            return Optional.empty();
        }
        if (entry == null) {
            return knowledge.remove(key) != null ? Optional.of(key) : Optional.empty();
        }
        PortKnowledge held = knowledge.get(key);
        if (held != null && entry.version() <= held.version()) {
            stale.increment();
            return Optional.empty();
        }
        knowledge.put(key, entry);
        return Optional.of(key);
    }

    private PortKnowledge decode(ConsumerRecord<String, byte[]> record) {
        if (record.value().length > maxRecordBytes) {
            throw new MalformedEventException("the value is " + record.value().length + " bytes, more than " + maxRecordBytes);
        }
        PortKnowledge entry = EventJson.fromBytes(record.value(), PortKnowledge.class);
        contract.violation(record.key(), entry, Instant.ofEpochMilli(record.timestamp())).ifPresent(reason -> {
            throw new MalformedEventException(reason);
        });
        return entry;
    }

    private KafkaConsumer<String, byte[]> createConsumer() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
