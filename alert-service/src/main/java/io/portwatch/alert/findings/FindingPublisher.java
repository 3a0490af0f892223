package io.portwatch.alert.findings;

import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.routing.AlertRoutes;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * Produces {@code portwatch.alerts}: every finding change, keyed by finding id, with CloudEvents
 * headers ({@code portwatch.finding.opened} ...) and a {@code severity} header for cheap filtering;
 * and the same record on every {@code portwatch.alerts.<route>} whose route matches it.
 */
@ApplicationScoped
public class FindingPublisher {

    static final String CHANNEL = "alerts";
    static final String SEVERITY_HEADER = "severity";

    private final Emitter<FindingEvent> emitter;
    private final AlertRoutes routes;
    private final MeterRegistry registry;

    public FindingPublisher(@Channel(CHANNEL) Emitter<FindingEvent> emitter, AlertRoutes routes, MeterRegistry registry) {
        this.emitter = emitter;
        this.routes = routes;
        this.registry = registry;
    }

    public void publish(FindingChange change) {
        registry.counter("portwatch.alert.finding.changes", "kind", change.kind().name(),
                "severity", change.event().severity().name()).increment();
        send(change, Topics.ALERTS);
        routes.topicsFor(change.event()).forEach(topic -> send(change, topic));
    }

    private void send(FindingChange change, String topic) {
        FindingEvent event = change.event();
        RecordHeaders headers = new RecordHeaders();
        headers.add(SEVERITY_HEADER, event.severity().name().getBytes(StandardCharsets.UTF_8));
        emitter.send(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(topic)
                        .withKey(event.findingId())
                        .withHeaders(headers)
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.findingId() + "@" + event.version())
                        .withType(change.kind().cloudEventType())
                        .withSubject(event.findingId())
                        .withTimestamp(event.lastSeen().atZone(ZoneOffset.UTC))
                        .build()));
    }
}
