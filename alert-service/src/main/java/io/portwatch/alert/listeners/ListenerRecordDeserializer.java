package io.portwatch.alert.listeners;

import io.portwatch.alert.memo.SnapshotFingerprints;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer of {@code portwatch.listeners}: keeps the JSON for decoding on demand and
 * reads a SNAPSHOT's fingerprint, on the consumer's polling thread (one per consumer, so what
 * {@link SnapshotFingerprints} remembers is never shared). Never fails: what it cannot read is left to the decoder,
 * which dead-letters it.
 */
public class ListenerRecordDeserializer implements Deserializer<ListenerRecord> {

    private final SnapshotFingerprints fingerprints = new SnapshotFingerprints();

    @Override
    public ListenerRecord deserialize(String topic, byte[] data) {
        return new ListenerRecord(data, fingerprints.read(data).orElse(null));
    }
}
