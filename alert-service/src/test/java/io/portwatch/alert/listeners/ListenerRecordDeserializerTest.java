package io.portwatch.alert.listeners;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.memo.SnapshotFingerprints;
import io.portwatch.events.Topics;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener value deserializer keeps a value in the buffer Kafka's consumer read its record into when that buffer
 * holds little else (a compressed batch's record), and copies it out of one that holds much more (an uncompressed
 * batch's fetched bytes); either way the record reads, decodes and dead-letters the value's bytes, exactly.
 */
class ListenerRecordDeserializerTest {

    private static final Instant AT = Instant.parse("2026-12-03T12:00:00Z");
    private static final byte[] JSON = EventJson.toBytes(Fixtures.eventAt(AT, ListenerEventType.SNAPSHOT, "mac-1",
            Fixtures.listener(new PortKey(Transport.TCP, 3031), "0.0.0.0", Exposure.ALL_INTERFACES)));

    private final ListenerRecordDeserializer deserializer = new ListenerRecordDeserializer();

    @Test
    void aValueInItsRecordsOwnBufferIsKeptInPlace() {
        ByteBuffer value = inBuffer(40, 60);

        ListenerRecord record = deserializer.deserialize(Topics.LISTENERS, new RecordHeaders(), value);

        assertThat(record.json().array()).as("the consumer's buffer, not a copy").isSameAs(value.array());
        assertReadsAsTheValue(record);
        assertThat(value.position()).as("the buffer is left as it was").isEqualTo(40);
    }

    @Test
    void aValueInAFetchedBatchsBytesIsCopiedOut() {
        ByteBuffer value = inBuffer(40, ListenerRecordDeserializer.OTHER_BYTES);

        ListenerRecord record = deserializer.deserialize(Topics.LISTENERS, new RecordHeaders(), value);

        assertThat(record.json().array()).as("a copy of the value alone").isNotSameAs(value.array()).hasSize(JSON.length);
        assertReadsAsTheValue(record);
    }

    @Test
    void aValueWithoutAnAccessibleArrayIsCopiedOut() {
        ListenerRecord record = deserializer.deserialize(Topics.LISTENERS, new RecordHeaders(), ByteBuffer.wrap(JSON).asReadOnlyBuffer());

        assertThat(record.json().hasArray()).isTrue();
        assertReadsAsTheValue(record);
    }

    private static void assertReadsAsTheValue(ListenerRecord record) {
        assertThat(record.received()).as("the bytes dead-lettered").isEqualTo(JSON);
        assertThat(record.fingerprint()).as("read next, with the record's key").isEmpty();
        assertThat(record.fingerprintedBy(new SnapshotFingerprints(), "mac-1").fingerprint())
                .hasValueSatisfying(fingerprint -> assertThat(fingerprint.hostId()).isEqualTo("mac-1"));
        assertThat(record.event()).map(ListenerEvent::observedAt).contains(AT);
    }

    /** The JSON at {@code before} in a buffer with {@code after} more bytes behind it, positioned at the JSON. */
    private static ByteBuffer inBuffer(int before, int after) {
        byte[] buffer = new byte[before + JSON.length + after];
        Arrays.fill(buffer, (byte) '[');
        System.arraycopy(JSON, 0, buffer, before, JSON.length);
        return ByteBuffer.wrap(buffer, before, JSON.length);
    }
}
