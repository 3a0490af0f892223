package io.portwatch.alert.listeners;

import io.portwatch.alert.memo.SnapshotFingerprints;
import io.portwatch.events.Topics;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.listener.ListenerEvent;

/**
 * Listener records as {@link ListenerPoller} hands them over: deserialized, then fingerprinted with their key by one
 * consumer's {@link SnapshotFingerprints} (one per instance of this, as one per consumer).
 */
final class PolledRecords {

    private final ListenerRecordDeserializer deserializer = new ListenerRecordDeserializer();
    private final SnapshotFingerprints fingerprints = new SnapshotFingerprints();

    /** A record polled with this key and value. */
    ListenerRecord of(String key, byte[] value) {
        return deserializer.deserialize(Topics.LISTENERS, value).fingerprintedBy(fingerprints, key);
    }

    /** The record a probe writes of an event: keyed by its host id. */
    ListenerRecord of(ListenerEvent event) {
        return of(event.host().id(), EventJson.toBytes(event));
    }
}
