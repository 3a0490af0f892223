package io.portwatch.alert.listeners;

import io.portwatch.alert.memo.SnapshotFingerprint;
import org.apache.kafka.common.serialization.Deserializer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Kafka value deserializer of {@code portwatch.listeners}: keeps the JSON for decoding on demand and
 * reads a SNAPSHOT's fingerprint, on the consumer's polling thread (one per consumer, so its digest is
 * never shared). Never fails: what it cannot read is left to the decoder, which dead-letters it.
 */
public class ListenerRecordDeserializer implements Deserializer<ListenerRecord> {

    private final MessageDigest sha256;

    public ListenerRecordDeserializer() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public ListenerRecord deserialize(String topic, byte[] data) {
        return new ListenerRecord(data, SnapshotFingerprint.read(data, sha256).orElse(null));
    }
}
