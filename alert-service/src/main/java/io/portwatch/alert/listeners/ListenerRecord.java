package io.portwatch.alert.listeners;

import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.MalformedEventException;
import io.portwatch.events.listener.ListenerEvent;

import java.util.Optional;

/**
 * The value of a {@code portwatch.listeners} record: the event's JSON, decoded once and only when needed,
 * and for a SNAPSHOT its {@link SnapshotFingerprint}, read as the record was polled. Not thread-safe: one
 * batch is correlated at a time.
 */
public final class ListenerRecord {

    private final byte[] json;
    private final SnapshotFingerprint fingerprint;
    private ListenerEvent event;
    private String malformed;
    private int partition;

    /** @param fingerprint null unless the record is a SNAPSHOT whose fingerprint was read */
    ListenerRecord(byte[] json, SnapshotFingerprint fingerprint) {
        this.json = json;
        this.fingerprint = fingerprint;
    }

    /** A record without a value (a tombstone): malformed once decoded. */
    static ListenerRecord empty() {
        return new ListenerRecord(null, null);
    }

    /** Records the listener partition the record was read from (the deserializer is not told). */
    ListenerRecord polledFrom(int partition) {
        this.partition = partition;
        return this;
    }

    int partition() {
        return partition;
    }

    byte[] json() {
        return json;
    }

    /** Present for a SNAPSHOT whose fingerprint could be read without decoding it. */
    Optional<SnapshotFingerprint> fingerprint() {
        return Optional.ofNullable(fingerprint);
    }

    /** The decoded event, empty when the JSON is not a listener event ({@link #malformed()} says why). */
    Optional<ListenerEvent> event() {
        if (event == null && malformed == null) {
            try {
                event = EventJson.fromBytes(json, ListenerEvent.class);
            } catch (MalformedEventException e) {
                malformed = e.getMessage();
            }
        }
        return Optional.ofNullable(event);
    }

    /** Why the record could not be decoded, once decoding was tried. */
    Optional<String> malformed() {
        return Optional.ofNullable(malformed);
    }
}
