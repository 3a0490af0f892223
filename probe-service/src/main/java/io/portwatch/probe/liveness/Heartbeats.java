package io.portwatch.probe.liveness;

import io.portwatch.events.Topics;
import io.portwatch.events.fleet.ProbeHeartbeat;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.probe.config.ProbeConfig;
import io.portwatch.probe.fleet.FleetIdentity;
import io.portwatch.probe.fleet.NotEnrolledYet;
import io.portwatch.probe.publish.ListenerEventPublisher;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Produces {@code portwatch.probe-heartbeats}: every {@code portwatch.probe.heartbeat.interval}, a
 * {@link ProbeHeartbeat} keyed by probe id (plain JSON, {@code content-type: application/json}), signed like every
 * record the probe writes, with its last scan and the listener events still waiting for the broker. A heartbeat is
 * news only while fresh: while the previous one is not acknowledged (Kafka away) the next is skipped, not queued. A
 * probe without enrolment (unsigned) sends none: alert-service refuses unsigned heartbeats.
 */
@ApplicationScoped
public class Heartbeats {

    static final String CHANNEL = "heartbeats";
    private static final byte[] JSON_CONTENT_TYPE = CloudEvent.JSON.getBytes(StandardCharsets.UTF_8);

    private final Emitter<byte[]> emitter;
    private final FleetIdentity fleet;
    private final ListenerEventPublisher listeners;
    private final ScanActivity activity;
    private final Duration interval;
    private final String version;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();

    public Heartbeats(@Channel(CHANNEL) Emitter<byte[]> emitter, FleetIdentity fleet, ListenerEventPublisher listeners,
            ScanActivity activity, ProbeConfig config, @ConfigProperty(name = "quarkus.application.version") String version) {
        this.emitter = emitter;
        this.fleet = fleet;
        this.listeners = listeners;
        this.activity = activity;
        this.interval = config.heartbeat().interval();
        this.version = version;
    }

    @Scheduled(identity = "heartbeat", every = "${portwatch.probe.heartbeat.interval}", skipExecutionIf = NotEnrolledYet.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        if (fleet.credentials().isEmpty()) {
            return; // unsigned: alert-service takes heartbeats of enrolled probes only, and would dead-letter each one
        }
        if (!inFlight.compareAndSet(false, true)) {
            Log.debugf("Heartbeat skipped: the previous one is not acknowledged yet");
            return;
        }
        ProbeHeartbeat heartbeat = heartbeat();
        try {
            emitter.send(message(heartbeat));
        } catch (IllegalStateException notConnectedYet) {
            inFlight.set(false);
            Log.debugf("Heartbeat waits for the Kafka connector: %s", notConnectedYet.getMessage());
        }
    }

    /** The heartbeat to send now. */
    ProbeHeartbeat heartbeat() {
        FleetIdentity.Claim claim = fleet.claim();
        var last = activity.last();
        return new ProbeHeartbeat(fleet.probeId(), version, claim.node(), claim.zone(), claim.mode(), claim.scopes(), Instant.now(),
                interval, last.map(ScanActivity.Finished::finishedAt).orElse(null),
                last.map(finished -> finished.took().toMillis()).orElse(null), listeners.waiting());
    }

    private Message<byte[]> message(ProbeHeartbeat heartbeat) {
        byte[] value = EventJson.toBytes(heartbeat);
        Headers headers = new RecordHeaders().add(CloudEvent.CONTENT_TYPE_HEADER, JSON_CONTENT_TYPE);
        fleet.sign(Topics.PROBE_HEARTBEATS, heartbeat.probeId(), value, headers);
        return Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(Topics.PROBE_HEARTBEATS).withKey(heartbeat.probeId())
                        .withHeaders(headers).build())
                .withAck(() -> {
                    inFlight.set(false);
                    if (failing.compareAndSet(true, false)) {
                        Log.infof("Kafka takes heartbeats of probe %s again", heartbeat.probeId());
                    }
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    inFlight.set(false);
                    if (failing.compareAndSet(false, true)) {
                        Log.errorf("Kafka does not take heartbeats of probe %s (%s); the next is sent in %s", heartbeat.probeId(),
                                failure.getMessage(), interval);
                    }
                    return CompletableFuture.completedFuture(null);
                });
    }
}
