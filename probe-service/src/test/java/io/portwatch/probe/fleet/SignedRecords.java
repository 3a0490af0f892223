package io.portwatch.probe.fleet;

import io.portwatch.events.fleet.RecordSignature;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks a record read back from Kafka as alert-service would: the probe header, and the signature over topic, key and value. */
final class SignedRecords {

    private SignedRecords() {
    }

    static void assertSignedBy(String probeId, ConsumerRecord<String, byte[]> record) {
        assertThat(header(record, RecordSignature.PROBE_HEADER)).as("probe id header").isEqualTo(probeId);
        String signature = header(record, RecordSignature.SIGNATURE_HEADER);
        assertThat(new RecordSignature(FakeAlertService.KEY).verify(record.topic(), record.key(), ByteBuffer.wrap(record.value()), signature))
                .as("signature of %s/%s", record.topic(), record.key()).isTrue();
        byte[] tampered = record.value().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(new RecordSignature(FakeAlertService.KEY).verify(record.topic(), record.key(), ByteBuffer.wrap(tampered), signature))
                .as("the signature covers the value").isFalse();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
