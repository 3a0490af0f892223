package io.portwatch.alert.listeners;

import io.portwatch.alert.memo.SnapshotFingerprints;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.ByteBuffer;

/**
 * Kafka value deserializer of {@code portwatch.listeners}: keeps the JSON, in the buffer Kafka's consumer read it into
 * (not copied), for decoding on demand and
 * reads a SNAPSHOT's fingerprint, on the consumer's polling thread (one per consumer, so what
 * {@link SnapshotFingerprints} remembers is never shared). Never fails, whatever the bytes, since a deserializer that
 * throws stops the channel on the same record after every restart: a record whose fingerprint cannot be read is left
 * to the decoder, which dead-letters what it cannot decode.
 */
public class ListenerRecordDeserializer implements Deserializer<ListenerRecord> {

    private final SnapshotFingerprints fingerprints = new SnapshotFingerprints();

    @Override
    public ListenerRecord deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data == null ? null : ByteBuffer.wrap(data));
    }

    /**
     * Keeps {@code data} itself, between its position and limit. Kafka's consumer hands the value over as a view of the
     * buffer it read the record into, which it never reuses: one per record of a compressed batch, the fetched bytes
     * for an uncompressed one (kept, then, until the last of their records kept is released).
     */
    @Override
    public ListenerRecord deserialize(String topic, Headers headers, ByteBuffer data) {
        try {
            return new ListenerRecord(data, fingerprints.read(data).orElse(null));
        } catch (RuntimeException unforeseen) {
            return new ListenerRecord(data, null);
        }
    }
}
