package io.portwatch.alert.findings;

import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.outbox.OutboxEntity;
import io.portwatch.alert.routing.AlertRoutes;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Produces {@code portwatch.alerts}: every finding change, keyed by finding id, with CloudEvents
 * headers ({@code portwatch.finding.opened} ...) and a {@code severity} header for cheap filtering;
 * and the same record on every {@code portwatch.alerts.<route>} whose route matches it. Changes are
 * staged in the outbox in their transaction and sent after it commits, by a plain idempotent producer
 * (a batch can hold thousands of changes, acknowledged while the next batch is judged).
 */
@ApplicationScoped
public class FindingPublisher {

    /** The CloudEvents source of every record this service publishes. */
    public static final String SOURCE = "/portwatch/alert-service";
    static final String SEVERITY_HEADER = "severity";

    private final KafkaProducer<String, byte[]> producer;
    private final AlertRoutes routes;
    private final MeterRegistry registry;

    public FindingPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, AlertRoutes routes,
            MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A record is acknowledged or failed well before OutboxSweeper treats its row as orphaned (one minute),
        // and a broker that is away does not hold the correlation thread for long.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.routes = routes;
        this.registry = registry;
    }

    /**
     * Stages every change in the outbox, one row with its topics (portwatch.alerts and the routes it matches),
     * in the caller's transaction; returns the rows to send once it commits.
     */
    public List<OutboxEntity> stage(List<FindingChange> changes) {
        List<OutboxEntity> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (FindingChange change : changes) {
            registry.counter("portwatch.alert.finding.changes", "kind", change.kind().name(),
                    "severity", change.event().severity().name()).increment();
            rows.add(row(change, now));
        }
        OutboxEntity.persist(rows);
        return rows;
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
            byte[] payload = row.payload.getBytes(StandardCharsets.UTF_8);
            acks.put(row, CompletableFuture.allOf(topicsOf.apply(row).stream()
                    .map(topic -> send(row, topic, payload)).toArray(CompletableFuture[]::new)));
        }
        return acks;
    }

    private CompletableFuture<Void> send(OutboxEntity row, String topic, byte[] payload) {
        RecordHeaders headers = new RecordHeaders();
        new CloudEvent(CloudEvent.SPEC_VERSION, row.key + "@" + row.version, SOURCE, row.cloudEventType, row.eventTime,
                CloudEvent.JSON).writeTo(headers);
        headers.add(SEVERITY_HEADER, row.severity.getBytes(StandardCharsets.UTF_8));
        headers.add(OutboxId.header(row.id));
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, null, row.key, payload, headers), (metadata, failure) -> {
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

    private OutboxEntity row(FindingChange change, Instant now) {
        OutboxEntity row = new OutboxEntity();
        row.topics.add(Topics.ALERTS);
        row.topics.addAll(routes.topicsFor(change.event()));
        row.key = change.event().findingId();
        row.cloudEventType = change.kind().cloudEventType();
        row.severity = change.event().severity().name();
        row.version = change.event().version();
        row.payload = new String(EventJson.toBytes(change.event()), StandardCharsets.UTF_8);
        row.eventTime = change.event().lastSeen();
        row.createdAt = now;
        return row;
    }

    void onStop(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(5));
    }
}
