package io.portwatch.alert.outbox;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.events.contract.FindingChangeRecord;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.OutboxId;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Sends outbox rows to their topics ({@code portwatch.alerts} and the routes a change matched): each record keyed
 * by finding id, with CloudEvents headers ({@code portwatch.finding.opened} ...), a {@code severity} header for
 * cheap filtering and the row's outbox id. A plain idempotent producer: rows are sent after the transaction that
 * staged them commits (a batch can hold thousands of changes, acknowledged while the next batch is judged).
 */
@ApplicationScoped
public class OutboxPublisher {

    /** The CloudEvents source of every record this service publishes. */
    public static final String SOURCE = FindingChangeRecord.SOURCE;
    static final String SEVERITY_HEADER = "severity";

    /** How long a send may wait for the topic's metadata (Kafka's {@code max.block.ms}), before its delivery timeout starts. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(5);

    /** The most bytes of records one batch (one partition's part of a request) holds. */
    static final int BATCH_BYTES = 256 * 1024;

    private final KafkaProducer<String, byte[]> producer;

    public OutboxPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, AlertConfig alertConfig) {
        this.producer = new KafkaProducer<>(producerConfig(kafkaConfig, alertConfig.outbox().deliveryTimeout()), new StringSerializer(), new ByteArraySerializer());
    }

    /** The producer's configuration: the service's Kafka settings, with the outbox's own on top. */
    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, Duration deliveryTimeoutSetting) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        long deliveryTimeout = deliveryTimeoutSetting.toMillis();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // No linger (Kafka 4's default is 5 ms): a transaction's rows are sent in one loop right after its commit, so
        // they batch anyway while a request is in flight, and a lone change does not wait 5 ms (bench/RESULTS.md,
        // section alert-latency).
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Batches of up to 256 KiB (Kafka's default is 16 KiB, and a request takes one batch per partition): a
        // transaction's rows, hundreds or thousands, go out in a few requests, not one for every few records. The
        // producer's thread used 0.32-0.44 µs per warm fleet-mix event instead of 0.48-0.53, alternating with the
        // default (bench/RESULTS.md, alert-outbox-batches-32).
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        // A record is acknowledged or failed well before OutboxSweeper treats its row as orphaned (twice the delivery
        // timeout, plus the metadata wait), and a broker that is away does not hold the correlation thread for long.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(15_000, deliveryTimeout / 2));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis());
        return config;
    }

    /** Sends staged rows to all their topics, and completes when the broker acknowledged every record. */
    public CompletableFuture<Void> send(List<OutboxEntity> rows) {
        return send(rows, row -> row.topics);
    }

    /**
     * Sends each row to the given ones of its topics, every record with the row's outbox id in a header, and
     * completes when the broker acknowledged them all.
     */
    public CompletableFuture<Void> send(List<OutboxEntity> rows, Function<OutboxEntity, List<String>> topicsOf) {
        return CompletableFuture.allOf(sendEach(rows, topicsOf).values().toArray(CompletableFuture[]::new));
    }

    /**
     * Sends each row to the given ones of its topics, as {@link #send(List, Function)} does; returns, per row, when
     * the broker acknowledged all its records or why it did not, so one row's failure is told from the others'.
     */
    public Map<OutboxEntity, CompletableFuture<Void>> sendEach(List<OutboxEntity> rows, Function<OutboxEntity, List<String>> topicsOf) {
        Map<OutboxEntity, CompletableFuture<Void>> acks = new LinkedHashMap<>();
        for (OutboxEntity row : rows) {
            List<String> topics = topicsOf.apply(row);
            CompletableFuture<?>[] sent = new CompletableFuture<?>[topics.size()];
            for (int topic = 0; topic < sent.length; topic++) {
                sent[topic] = send(row, topics.get(topic));
            }
            acks.put(row, CompletableFuture.allOf(sent));
        }
        return acks;
    }

    private CompletableFuture<Void> send(OutboxEntity row, String topic) {
        RecordHeaders headers = new RecordHeaders();
        new CloudEvent(CloudEvent.SPEC_VERSION, row.key + "@" + row.version, SOURCE, row.cloudEventType, row.eventTime,
                CloudEvent.JSON).writeTo(headers);
        headers.add(SEVERITY_HEADER, row.severity.getBytes(StandardCharsets.UTF_8));
        headers.add(OutboxId.header(row.id));
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, null, row.key, row.payload, headers), (metadata, failure) -> {
                if (failure == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(failure);
                }
            });
        } catch (KafkaException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }

    void onStop(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(5));
    }
}
