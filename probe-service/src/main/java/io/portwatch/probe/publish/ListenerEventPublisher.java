package io.portwatch.probe.publish;

import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeInfo;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Produces {@code portwatch.listeners}: listener events keyed by host id, so that one host's events
 * stay in order on one partition, with CloudEvents headers ({@code portwatch.listener.opened} ...).
 */
@ApplicationScoped
public class ListenerEventPublisher {

    static final String CHANNEL = "listeners";

    private final Emitter<ListenerEvent> emitter;

    public ListenerEventPublisher(@Channel(CHANNEL) Emitter<ListenerEvent> emitter) {
        this.emitter = emitter;
    }

    /** Sends one event of the given type and listeners, observed now. */
    public void publish(ListenerEventType type, ProbeInfo probe, HostInfo host, List<Listener> listeners) {
        ListenerEvent event = new ListenerEvent(UUID.randomUUID().toString(), type, Instant.now(), probe, host, listeners);
        emitter.send(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(host.id()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId())
                        .withType(type.cloudEventType())
                        .withSubject(host.id())
                        .withTimestamp(event.observedAt().atZone(java.time.ZoneOffset.UTC))
                        .build()));
    }
}
