package io.portwatch.alert.listeners;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.ByteBuffer;

/**
 * Kafka value deserializer of {@code portwatch.listeners}: keeps the JSON, in the buffer Kafka's consumer read it into
 * (not copied), for decoding on demand; a SNAPSHOT's fingerprint is read next, with the record's key
 * ({@link ListenerPoller}, through {@link ListenerRecord#fingerprintedBy}), which a deserializer is not given. Never
 * fails, whatever the bytes, since a deserializer that throws stops the channel on the same record after every restart.
 */
public class ListenerRecordDeserializer implements Deserializer<ListenerRecord> {

    /** How much more than the value a buffer kept in place may hold: a record's key, headers and framing. */
    static final int OTHER_BYTES = 4_096;

    @Override
    public ListenerRecord deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data == null ? null : ByteBuffer.wrap(data));
    }

    /**
     * Keeps {@code data} itself, between its position and limit, where the buffer under it holds little else. Kafka's
     * consumer hands a value over as a view of the buffer it read the record into, which it never reuses: one per record
     * of a compressed batch (probes write zstd), so kept in place; for an uncompressed batch, all the fetched bytes, so
     * the value is copied out rather than keep up to {@code fetch.max.bytes} alive while its record waits.
     */
    @Override
    public ListenerRecord deserialize(String topic, Headers headers, ByteBuffer data) {
        ByteBuffer value = data == null || holdsLittleElse(data) ? data : ByteBuffer.wrap(Utils.toArray(data));
        return new ListenerRecord(value);
    }

    /** Whether the buffer has an array no larger than the value and {@value #OTHER_BYTES} bytes (its record's key, headers). */
    private static boolean holdsLittleElse(ByteBuffer data) {
        return data.hasArray() && data.array().length - data.remaining() <= OTHER_BYTES;
    }
}
