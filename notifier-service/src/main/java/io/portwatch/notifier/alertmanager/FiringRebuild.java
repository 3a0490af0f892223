package io.portwatch.notifier.alertmanager;

import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.json.MalformedEventException;
import io.portwatch.notifier.delivery.ChangeReader;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds the alerts that are still firing by reading an alert topic from its beginning to its end as it is at the
 * call (a plain consumer: no group, nothing committed): the last change of each finding decides, as records of one
 * finding share a key and so a partition. The notifier keeps its firing set in memory only; this rebuilds it at
 * start, so a restart does not let Alertmanager end open findings' alerts after its resolve_timeout.
 */
@ApplicationScoped
public class FiringRebuild {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> kafkaConfig;
    private final ChangeReader reader;
    private final AlertMapper mapper;

    public FiringRebuild(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ChangeReader reader, AlertMapper mapper) {
        this.kafkaConfig = kafkaConfig;
        this.reader = reader;
        this.mapper = mapper;
    }

    /**
     * The firing alerts of the findings whose last change in {@code topic} fires and is {@code routed} to
     * Alertmanager, by finding id, in the order they last changed; unreadable records are passed over.
     *
     * @throws IllegalStateException when the topic can't be read to its end within {@code deadline}
     */
    public Map<String, AlertmanagerAlert> firing(String topic, Predicate<FindingEvent> routed, Duration deadline) {
        Map<String, AlertmanagerAlert> firing = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, deadline).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, deadline);
            long until = System.nanoTime() + deadline.toNanos();
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + deadline);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < ends.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L)) {
                        apply(record, routed, firing);
                    }
                }
            }
        }
        return firing;
    }

    private void apply(ConsumerRecord<String, byte[]> record, Predicate<FindingEvent> routed, Map<String, AlertmanagerAlert> firing) {
        FindingEvent event;
        try {
            event = reader.read(record).event();
        } catch (MalformedEventException e) {
            return;
        }
        firing.remove(event.findingId());
        if (AlertMapper.firing(event) && routed.test(event)) {
            firing.put(event.findingId(), mapper.firingAlert(event));
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
