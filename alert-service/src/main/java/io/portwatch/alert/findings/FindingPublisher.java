package io.portwatch.alert.findings;

import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.routing.AlertRoutes;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Produces {@code portwatch.alerts}: every finding change, keyed by finding id, with CloudEvents
 * headers ({@code portwatch.finding.opened} ...) and a {@code severity} header for cheap filtering;
 * and the same record on every {@code portwatch.alerts.<route>} whose route matches it. A plain
 * idempotent producer: a batch can hold thousands of changes, and the caller waits for all their acks.
 */
@ApplicationScoped
public class FindingPublisher {

    static final String SOURCE = "/portwatch/alert-service";
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
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.routes = routes;
        this.registry = registry;
    }

    /** Sends every change (and its routes) and completes when the broker acknowledged them all. */
    public CompletableFuture<Void> publish(List<FindingChange> changes) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (FindingChange change : changes) {
            registry.counter("portwatch.alert.finding.changes", "kind", change.kind().name(),
                    "severity", change.event().severity().name()).increment();
            byte[] value = EventJson.toBytes(change.event());
            acks.add(send(change, Topics.ALERTS, value));
            routes.topicsFor(change.event()).forEach(topic -> acks.add(send(change, topic, value)));
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> send(FindingChange change, String topic, byte[] value) {
        FindingEvent event = change.event();
        RecordHeaders headers = new RecordHeaders();
        new CloudEvent(CloudEvent.SPEC_VERSION, event.findingId() + "@" + event.version(), SOURCE, change.kind().cloudEventType(),
                event.lastSeen(), CloudEvent.JSON).writeTo(headers);
        headers.add(SEVERITY_HEADER, event.severity().name().getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Void> ack = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, null, event.findingId(), value, headers), (metadata, failure) -> {
            if (failure == null) {
                ack.complete(null);
            } else {
                ack.completeExceptionally(failure);
            }
        });
        return ack;
    }

    void onStop(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(5));
    }
}
