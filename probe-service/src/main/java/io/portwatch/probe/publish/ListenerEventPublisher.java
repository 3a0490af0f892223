package io.portwatch.probe.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.events.Topics;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.SnapshotScope;
import io.portwatch.probe.config.NotStartedYet;
import io.portwatch.probe.config.ProbeConfig;
import io.portwatch.probe.fleet.FleetIdentity;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Produces {@code portwatch.listeners}: listener events keyed by host id, so that one host's events
 * stay in order on one partition, with CloudEvents headers in binary mode ({@code ce_type}
 * {@code portwatch.listener.opened} ..., {@code content-type: application/json}). A SNAPSHOT carries at most
 * as many listeners as consumers accept ({@link SnapshotLimit}). The value is serialized here, so that an enrolled
 * probe signs exactly the bytes sent ({@link FleetIdentity#sign}).
 *
 * <p>Kafka may be away; the probe is not. Events wait in a bounded buffer (the oldest are dropped when
 * it is full, and counted); while the broker fails, one event at a time is tried instead of a window
 * of {@value #WINDOW}. An event the broker never took is not sent again: once the broker acknowledges
 * again, the host probe sends a fresh SNAPSHOT ({@link #takeSnapshotDue()}), which supersedes every
 * delta lost meanwhile, and a SNAPSHOT drops the buffered events of its host that it makes obsolete.
 */
@ApplicationScoped
public class ListenerEventPublisher {

    static final String CHANNEL = "listeners";
    /** Events handed to the Kafka producer and not yet acknowledged, at most (below the emitter's buffer of 128). */
    static final int WINDOW = 100;
    static final String EVENTS_METRIC = "portwatch.probe.listener.events";

    /**
     * The CloudEvents Kafka binding's {@code content-type} header (binary mode); SmallRye writes the data content
     * type as {@code ce_datacontenttype} instead, so it is added here, as the other services add it.
     */
    private static final byte[] JSON_CONTENT_TYPE = CloudEvent.JSON.getBytes(StandardCharsets.UTF_8);

    private final Emitter<byte[]> emitter;
    private final FleetIdentity fleet;
    private final SnapshotLimit snapshotLimit;
    private final int capacity;
    private final Deque<ListenerEvent> buffered = new ArrayDeque<>();
    private final Counter sent;
    private final Counter failed;
    private final Counter dropped;
    private int unacknowledged;
    private boolean failing;
    private boolean snapshotDue;
    private boolean draining;

    public ListenerEventPublisher(@Channel(CHANNEL) Emitter<byte[]> emitter, FleetIdentity fleet, ProbeConfig config,
            MeterRegistry registry) {
        this.emitter = emitter;
        this.fleet = fleet;
        this.snapshotLimit = new SnapshotLimit(config.maxListenersPerEvent(), registry);
        this.capacity = config.bufferSize();
        this.sent = counter(registry, "sent", "Listener events the broker acknowledged");
        this.failed = counter(registry, "failed", "Listener events the broker did not take (superseded by the next SNAPSHOT)");
        this.dropped = counter(registry, "dropped", "Listener events dropped, oldest first, from a full buffer");
        Gauge.builder("portwatch.probe.listener.buffered", this, ListenerEventPublisher::waiting)
                .description("Listener events waiting for the broker").register(registry);
    }

    private static Counter counter(MeterRegistry registry, String result, String description) {
        return Counter.builder(EVENTS_METRIC).tag("result", result).description(description).register(registry);
    }

    /** Queues one event of the given type and listeners, observed now, and sends what the window allows. */
    public void publish(ListenerEventType type, ProbeInfo probe, HostInfo host, List<Listener> listeners) {
        queue(type, probe, host, listeners, null);
    }

    /** Queues a SNAPSHOT that is the whole truth for its scope only (a network scan's ports), observed now. */
    public void publishScoped(ProbeInfo probe, HostInfo host, List<Listener> listeners, SnapshotScope scope) {
        queue(ListenerEventType.SNAPSHOT, probe, host, listeners, scope);
    }

    private synchronized void queue(ListenerEventType type, ProbeInfo probe, HostInfo host, List<Listener> listeners, SnapshotScope scope) {
        List<Listener> carried = type == ListenerEventType.SNAPSHOT ? snapshotLimit.apply(host, listeners) : listeners;
        ListenerEvent event = new ListenerEvent(UUID.randomUUID().toString(), type, Instant.now(), probe, host, carried, scope);
        if (type == ListenerEventType.SNAPSHOT) {
            buffered.removeIf(waiting -> supersedes(event, waiting));
        }
        while (buffered.size() >= capacity) {
            buffered.pollFirst();
            dropped.increment();
            snapshotDue = true;
        }
        buffered.addLast(event);
        drain();
    }

    /**
     * Whether a waiting event says nothing the SNAPSHOT does not: one of its host that it covers (every event of the
     * host for a SNAPSHOT without scope; for a scoped one, the deltas of ports in its scope and a SNAPSHOT of the same scope).
     */
    static boolean supersedes(ListenerEvent snapshot, ListenerEvent waiting) {
        if (!waiting.host().id().equals(snapshot.host().id())) {
            return false;
        }
        if (snapshot.scope() == null) {
            return true;
        }
        if (waiting.type() == ListenerEventType.SNAPSHOT) {
            return snapshot.scope().equals(waiting.scope());
        }
        return waiting.listeners().stream().allMatch(listener -> snapshot.covers(listener.transport(), listener.port()));
    }

    /** Listener events waiting for the broker: buffered, or handed to the producer and not yet acknowledged. */
    public synchronized int waiting() {
        return buffered.size() + unacknowledged;
    }

    /** Whether a SNAPSHOT should be sent now to make up for events the broker did not take; resets it. */
    public synchronized boolean takeSnapshotDue() {
        boolean due = snapshotDue && !failing;
        if (due) {
            snapshotDue = false;
        }
        return due;
    }

    private void drain() {
        if (draining) {
            return; // an acknowledgement that came back within send(): the loop below goes on
        }
        draining = true;
        try {
            while (!buffered.isEmpty() && unacknowledged < (failing ? 1 : WINDOW)) {
                ListenerEvent next = buffered.pollFirst();
                unacknowledged++;
                if (!send(next)) {
                    unacknowledged--;
                    buffered.addFirst(next);
                    return;
                }
            }
        } finally {
            draining = false;
        }
    }

    /** Sends what waits for the connector to start, if the window allows, without waiting for the next event. */
    @Scheduled(every = "1s", skipExecutionIf = NotStartedYet.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void resume() {
        drain();
    }

    /** Hands an event to the producer; false while the channel has no subscriber yet (the connector is starting). */
    private boolean send(ListenerEvent event) {
        try {
            emitter.send(message(event));
            return true;
        } catch (IllegalStateException notConnectedYet) {
            Log.debugf("Listener events wait for the Kafka connector: %s", notConnectedYet.getMessage());
            return false;
        }
    }

    /** The event as JSON bytes, signed over exactly those bytes, its key and its topic when the probe is enrolled. */
    private Message<byte[]> message(ListenerEvent event) {
        byte[] value = EventJson.toBytes(event);
        Headers headers = new RecordHeaders().add(CloudEvent.CONTENT_TYPE_HEADER, JSON_CONTENT_TYPE);
        fleet.sign(Topics.LISTENERS, event.host().id(), value, headers);
        return Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(Topics.LISTENERS).withKey(event.host().id())
                        .withHeaders(headers).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId())
                        .withType(event.type().cloudEventType())
                        .withSubject(event.host().id())
                        .withTimestamp(event.observedAt().atZone(ZoneOffset.UTC))
                        .build())
                .withAck(() -> {
                    acknowledged();
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    notTaken(failure);
                    return CompletableFuture.completedFuture(null);
                });
    }

    private synchronized void acknowledged() {
        unacknowledged--;
        sent.increment();
        if (failing) {
            failing = false;
            Log.infof("Kafka takes listener events again; %d waiting; a fresh SNAPSHOT follows", waiting());
        }
        drain();
    }

    private synchronized void notTaken(Throwable failure) {
        unacknowledged--;
        failed.increment();
        snapshotDue = true;
        if (!failing) {
            failing = true;
            Log.errorf("Kafka does not take listener events (%s); scanning goes on, up to %d events wait, and a SNAPSHOT "
                    + "is sent when it is back", failure.getMessage(), capacity);
        }
        drain();
    }
}
