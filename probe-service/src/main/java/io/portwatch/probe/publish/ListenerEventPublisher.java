package io.portwatch.probe.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.probe.config.NotStartedYet;
import io.portwatch.probe.config.ProbeConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
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
 * as many listeners as consumers accept ({@link SnapshotLimit}).
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

    private final Emitter<ListenerEvent> emitter;
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

    public ListenerEventPublisher(@Channel(CHANNEL) Emitter<ListenerEvent> emitter, ProbeConfig config, MeterRegistry registry) {
        this.emitter = emitter;
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
    public synchronized void publish(ListenerEventType type, ProbeInfo probe, HostInfo host, List<Listener> listeners) {
        List<Listener> carried = type == ListenerEventType.SNAPSHOT ? snapshotLimit.apply(host, listeners) : listeners;
        ListenerEvent event = new ListenerEvent(UUID.randomUUID().toString(), type, Instant.now(), probe, host, carried);
        if (type == ListenerEventType.SNAPSHOT) {
            buffered.removeIf(waiting -> waiting.host().id().equals(host.id()));
        }
        while (buffered.size() >= capacity) {
            buffered.pollFirst();
            dropped.increment();
            snapshotDue = true;
        }
        buffered.addLast(event);
        drain();
    }

    /** Whether a SNAPSHOT should be sent now to make up for events the broker did not take; resets it. */
    public synchronized boolean takeSnapshotDue() {
        boolean due = snapshotDue && !failing;
        if (due) {
            snapshotDue = false;
        }
        return due;
    }

    private synchronized int waiting() {
        return buffered.size() + unacknowledged;
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

    private Message<ListenerEvent> message(ListenerEvent event) {
        return Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.host().id())
                        .withHeaders(new RecordHeaders().add(CloudEvent.CONTENT_TYPE_HEADER, JSON_CONTENT_TYPE)).build())
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
