package io.portwatch.alert.listeners;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/**
 * Produces {@code portwatch.listeners.dlq}: a listener record that can't be processed, as it was
 * (same key, value bytes and headers), plus {@code dlq-reason} and where it came from.
 */
@ApplicationScoped
public class DeadLetters {

    static final String CHANNEL = "listeners-dlq";

    private final Emitter<byte[]> emitter;

    public DeadLetters(@Channel(CHANNEL) Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public void send(ConsumerRecord<String, ?> record, byte[] value, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dlq-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dlq-original-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dlq-original-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dlq-original-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        emitter.send(Message.of(value == null ? new byte[0] : value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build()));
        Log.warnf("Listener record %s-%d@%d (host %s) sent to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), record.key(), reason);
    }
}
