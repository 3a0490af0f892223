package io.portwatch.alert.listeners;

import io.portwatch.alert.memo.SnapshotFingerprints;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer of {@code portwatch.listeners}: keeps the JSON for decoding on demand and
 * reads a SNAPSHOT's fingerprint, on the consumer's polling thread (one per consumer, so what
 * {@link SnapshotFingerprints} remembers is never shared). Never fails, whatever the bytes, since a deserializer that
 * throws stops the channel on the same record after every restart: a record whose fingerprint cannot be read is left
 * to the decoder, which dead-letters what it cannot decode.
 */
public class ListenerRecordDeserializer implements Deserializer<ListenerRecord> {

    private final SnapshotFingerprints fingerprints = new SnapshotFingerprints();

    @Override
    public ListenerRecord deserialize(String topic, byte[] data) {
        try {
            return new ListenerRecord(data, fingerprints.read(data).orElse(null));
        } catch (RuntimeException unforeseen) {
            return new ListenerRecord(data, null);
        }
    }
}
