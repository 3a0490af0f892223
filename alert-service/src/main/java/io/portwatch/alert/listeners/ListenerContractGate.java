package io.portwatch.alert.listeners;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.fleet.HostBinding;
import io.portwatch.alert.fleet.KnownProbe;
import io.portwatch.alert.fleet.RecordVerifier;
import io.portwatch.alert.fleet.Verification;
import io.portwatch.events.contract.ListenerEventContract;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where {@code portwatch.listeners} records enter: refuses what breaks the event contract before anything
 * is decoded or judged (no value, a value over the size limit, a record timestamp ahead of this clock, a
 * signature that does not verify or is missing where one is required, a SNAPSHOT fingerprint whose host is not
 * the key or whose time is out of the window) and binds the rest of the contract ({@link ListenerEventContract}:
 * lengths, control characters, listener count, time window, key = host id) and, for a signed record, its
 * {@link HostBinding} to the record, checked when it is decoded. A signed record that breaks the binding (or the
 * fingerprint checks) is refused as an impersonation by its signer. A repeated SNAPSHOT recognised by its
 * fingerprint is never decoded: its content is byte for byte that of one decoded and checked before. A
 * {@code @Singleton}, injected without a client proxy: it is called for every record (bench/RESULTS.md, alert-cpu-11).
 */
@Singleton
public class ListenerContractGate {

    private final ListenerEventContract contract;
    private final RecordVerifier verifier;
    private final boolean requireSigned;
    private final int maxRecordBytes;
    private final Duration futureSkew;
    private final Clock clock;

    @Inject
    public ListenerContractGate(AlertConfig config, RecordVerifier verifier) {
        this(config.contract(), verifier, config.requireSignedEvents(), Clock.systemUTC());
    }

    ListenerContractGate(AlertConfig.Contract config, RecordVerifier verifier, boolean requireSigned, Clock clock) {
        this.contract = new ListenerEventContract(config.maxListeners(), config.futureSkew(), config.maxAge());
        this.verifier = verifier;
        this.requireSigned = requireSigned;
        this.maxRecordBytes = config.maxRecordBytes();
        this.futureSkew = config.futureSkew();
        this.clock = clock;
    }

    /**
     * Checks a batch's polled records (the i-th value is the i-th record's), marking each value malformed where it
     * breaks the contract. Their timestamps are held against one reading of this consumer's clock, taken as the batch
     * is admitted (a reading per record cost more than the rest of this check: bench/RESULTS.md, alert-inplace-21).
     */
    void admit(List<? extends ConsumerRecord<String, ?>> records, List<ListenerRecord> values) {
        Instant latest = clock.instant().plus(futureSkew);
        for (int index = 0; index < records.size(); index++) {
            admit(records.get(index), values.get(index), latest);
        }
    }

    /** Checks a polled record; {@code latest}: the latest timestamp a record may have (this clock's now plus the skew). */
    private void admit(ConsumerRecord<String, ?> record, ListenerRecord value, Instant latest) {
        ByteBuffer json = value.json();
        if (json == null) {
            value.refuse("no value: a listener record is never a tombstone");
            return;
        }
        if (json.remaining() > maxRecordBytes) {
            value.refuse("the value is " + json.remaining() + " bytes, more than " + maxRecordBytes);
            return;
        }
        Instant brokerTime = Instant.ofEpochMilli(record.timestamp());
        if (record.timestampType() != TimestampType.LOG_APPEND_TIME && brokerTime.isAfter(latest)) {
            value.refuse("the record's timestamp " + brokerTime + " is more than " + futureSkew + " after this consumer's clock");
            return;
        }
        Verification verification = verifier.verify(record, json);
        if (verification.refused().isPresent()) {
            value.refuse(verification.refused().get());
            return;
        }
        KnownProbe signer = verification.signed().orElse(null);
        if (signer == null && requireSigned) {
            value.refuse("unsigned: this service takes only records signed by an enrolled probe");
            return;
        }
        value.signedBy(signer);
        Function<String, String> asSigned = signer == null ? Function.identity() : HostBinding::impersonation;
        value.fingerprint().ifPresent(fingerprint -> {
            // A repeated SNAPSHOT is not decoded: its signer must be bound to its host before (a replay by another probe).
            Optional<String> unbound = signer == null ? Optional.empty() : HostBinding.hostIdViolation(signer, fingerprint.hostId());
            if (unbound.isPresent()) {
                value.refuse(unbound.get());
            } else if (!fingerprint.hostId().equals(record.key())) {
                value.refuse(asSigned.apply("the record key is not the host id " + fingerprint.hostId()));
            } else {
                contract.timeViolation(fingerprint.observedAt(), brokerTime).map(asSigned).ifPresent(value::refuse);
            }
        });
        value.checkedBy(signer == null
                ? event -> contract.violation(record.key(), event, brokerTime)
                : event -> HostBinding.violation(signer, record.key(), event, brokerTime, contract)
                        .or(() -> contract.violation(record.key(), event, brokerTime)));
    }
}
