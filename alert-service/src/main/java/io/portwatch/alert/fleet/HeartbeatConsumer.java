package io.portwatch.alert.fleet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.deadletter.DeadLetters;
import io.portwatch.events.contract.ProbeHeartbeatContract;
import io.portwatch.events.fleet.ProbeHeartbeat;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.MalformedEventException;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Consumes {@code portwatch.probe-heartbeats}: a heartbeat is admitted only when an enrolled, unrevoked probe signed
 * it ({@link RecordVerifier}; unsigned ones are always refused), it keeps the {@link ProbeHeartbeatContract} (key =
 * probe id, texts, time window) and it names the probe as enrolled (node, mode, zone); then {@link ProbeLiveness}
 * records it. Anything else goes to {@code portwatch.probe-heartbeats.dlq} exactly as received, with its reason.
 */
@ApplicationScoped
public class HeartbeatConsumer {

    static final String CHANNEL = "probe-heartbeats";
    static final String METRIC = "portwatch.alert.heartbeat.records";

    private final RecordVerifier verifier;
    private final ProbeLiveness liveness;
    private final DeadLetters deadLetters;
    private final ProbeHeartbeatContract contract;
    private final int maxRecordBytes;
    private final Counter admitted;
    private final Counter refused;

    public HeartbeatConsumer(RecordVerifier verifier, ProbeLiveness liveness, DeadLetters deadLetters, AlertConfig config,
            MeterRegistry registry) {
        this.verifier = verifier;
        this.liveness = liveness;
        this.deadLetters = deadLetters;
        this.contract = new ProbeHeartbeatContract(config.contract().futureSkew(), config.fleet().heartbeatMaxAge());
        this.maxRecordBytes = config.contract().maxRecordBytes();
        this.admitted = Counter.builder(METRIC).tag("result", "processed").description("Heartbeat records consumed").register(registry);
        this.refused = Counter.builder(METRIC).tag("result", "dead-lettered").description("Heartbeat records consumed").register(registry);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        Instant brokerTime = Instant.ofEpochMilli(record.timestamp());
        Admission admission = admit(record, brokerTime);
        if (admission.refusal() != null) {
            deadLetters.heartbeat(record, admission.refusal());
            refused.increment();
            return;
        }
        try {
            liveness.heartbeat(admission.probe(), admission.heartbeat(), brokerTime);
            admitted.increment();
        } catch (RuntimeException e) {
            // Heartbeats recur: the next one of this probe counts as well.
            Log.warnf("Heartbeat of probe %s not recorded (%s); its next one will be", admission.probe().id(), e.getMessage());
        }
    }

    private record Admission(KnownProbe probe, ProbeHeartbeat heartbeat, String refusal) {

        static Admission refused(String reason) {
            return new Admission(null, null, reason);
        }
    }

    private Admission admit(ConsumerRecord<String, byte[]> record, Instant brokerTime) {
        byte[] value = record.value();
        if (value == null || value.length > maxRecordBytes) {
            return Admission.refused(value == null ? "no value: a heartbeat is never a tombstone"
                    : "the value is " + value.length + " bytes, more than " + maxRecordBytes);
        }
        Verification verification = verifier.verify(record, ByteBuffer.wrap(value));
        if (verification.refused().isPresent()) {
            return Admission.refused(verification.refused().get());
        }
        if (verification.signed().isEmpty()) {
            return Admission.refused("unsigned: a heartbeat must be signed by an enrolled probe");
        }
        KnownProbe probe = verification.signed().get();
        ProbeHeartbeat heartbeat;
        try {
            heartbeat = EventJson.fromBytes(value, ProbeHeartbeat.class);
        } catch (MalformedEventException e) {
            return Admission.refused(e.getMessage());
        }
        Optional<String> violation = contract.violation(record.key(), heartbeat, brokerTime)
                .or(() -> binding(probe, heartbeat));
        return violation.map(Admission::refused).orElseGet(() -> new Admission(probe, heartbeat, null));
    }

    /** Whether the heartbeat names the probe that signed it as enrolled. */
    private static Optional<String> binding(KnownProbe probe, ProbeHeartbeat heartbeat) {
        if (!probe.id().equals(heartbeat.probeId()) || probe.mode() != heartbeat.mode()
                || !Objects.equals(probe.node(), heartbeat.node()) || !Objects.equals(probe.zone(), heartbeat.zone())) {
            return Optional.of(HostBinding.impersonation("probe " + probe.id() + " signed a heartbeat of " + heartbeat.probeId()
                    + " (node " + heartbeat.node() + ", zone " + heartbeat.zone() + ", " + heartbeat.mode() + ")"));
        }
        return Optional.empty();
    }
}
