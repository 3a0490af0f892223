package io.portwatch.alert.listeners;

import io.portwatch.alert.fleet.HostBinding;
import io.portwatch.alert.fleet.KnownProbe;
import io.portwatch.alert.memo.SnapshotFingerprint;
import io.portwatch.alert.memo.SnapshotFingerprints;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.MalformedEventException;
import io.portwatch.events.listener.ListenerEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Function;

/**
 * The value of a {@code portwatch.listeners} record: the event's JSON, decoded once and only when needed,
 * and for a SNAPSHOT its {@link SnapshotFingerprint}, read as the record was polled. A record is
 * malformed when it is not a listener event, when {@link ListenerContractGate} refused it, or when its
 * event breaks the contract the gate bound to it (checked as it is decoded). Not thread-safe: one batch is
 * correlated at a time.
 */
public final class ListenerRecord {

    /** The value as Kafka's consumer handed it over, in place: between its position and limit, never moved. */
    private final ByteBuffer json;
    /** Set on the polling thread before the record is handed over (through WaitingBatches' lock) to be stored. */
    private SnapshotFingerprint fingerprint;
    private ListenerEvent event;
    private String malformed;
    private int partition;
    private ListenerPosition position;
    private KnownProbe signer;
    private Function<ListenerEvent, Optional<String>> contract = event -> Optional.empty();

    ListenerRecord(ByteBuffer json) {
        this.json = json;
    }

    /** A record without a value (a tombstone): malformed once decoded. */
    static ListenerRecord empty() {
        return new ListenerRecord(null);
    }

    /**
     * Reads the fingerprint of a SNAPSHOT, on the consumer's polling thread, as the record is polled with its key.
     * Never fails, whatever the bytes: a record whose fingerprint cannot be read is left to the decoder, which
     * dead-letters what it cannot decode.
     */
    ListenerRecord fingerprintedBy(SnapshotFingerprints fingerprints, String key) {
        try {
            fingerprint = fingerprints.read(key, json).orElse(null);
        } catch (RuntimeException unforeseen) {
            fingerprint = null;
        }
        return this;
    }

    /** Records the listener partition the record was read from (the deserializer is not told). */
    ListenerRecord polledFrom(int partition) {
        this.partition = partition;
        return this;
    }

    /** Records where the record was read (partition, offset and timestamp), which says whether it was stored before. */
    ListenerRecord polledFrom(ConsumerRecord<?, ?> record) {
        this.partition = record.partition();
        this.position = new ListenerPosition(record.partition(), record.offset(), record.timestamp());
        return this;
    }

    /** Where the record was read; empty for one that was not read from Kafka. */
    Optional<ListenerPosition> position() {
        return Optional.ofNullable(position);
    }

    int partition() {
        return partition;
    }

    /** The value exactly as received, between the view's position and limit (a view of its own); null for a record without one. */
    ByteBuffer json() {
        return json == null ? null : json.duplicate();
    }

    /** A copy of the value exactly as received (for the dead-letter topic); null for a record without one. */
    byte[] received() {
        return json == null ? null : Utils.toArray(json);
    }

    /** Present for a SNAPSHOT whose fingerprint could be read without decoding it, unless the record was refused. */
    Optional<SnapshotFingerprint> fingerprint() {
        return malformed == null ? Optional.ofNullable(fingerprint) : Optional.empty();
    }

    /** Records the enrolled probe whose signature verified; null for an unsigned record. */
    void signedBy(KnownProbe probe) {
        this.signer = probe;
    }

    /** The enrolled probe that signed the record; empty for an unsigned one (or one refused before its signature was checked). */
    Optional<KnownProbe> signer() {
        return Optional.ofNullable(signer);
    }

    /** The signer and the reason, when the record was refused as an impersonation by the probe that signed it. */
    Optional<String> impersonation() {
        return signer != null && malformed != null && malformed.startsWith(HostBinding.IMPERSONATION)
                ? Optional.of(malformed) : Optional.empty();
    }

    /** The rule the event must keep once decoded: the reason it breaks it, or empty. */
    void checkedBy(Function<ListenerEvent, Optional<String>> contract) {
        this.contract = contract;
    }

    /** Marks the record malformed: it is neither decoded nor correlated, and goes to the dead-letter topic. */
    void refuse(String reason) {
        if (malformed == null) {
            malformed = reason;
            event = null;
        }
    }

    /** The decoded event, empty when the JSON is not a listener event or breaks the contract ({@link #malformed()} says why). */
    Optional<ListenerEvent> event() {
        if (event == null && malformed == null) {
            try {
                ListenerEvent decoded = EventJson.fromBytes(json, ListenerEvent.class);
                contract.apply(decoded).ifPresentOrElse(this::refuse, () -> event = decoded);
            } catch (MalformedEventException e) {
                malformed = e.getMessage();
            }
        }
        return Optional.ofNullable(event);
    }

    /** Why the record could not be processed, once decoding was tried or it was refused. */
    Optional<String> malformed() {
        return Optional.ofNullable(malformed);
    }
}
