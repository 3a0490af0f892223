package io.portwatch.notifier.delivery;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.contract.DeadLetterHeaders;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;

/**
 * Produces {@code portwatch.alerts.undeliverable}: a change an output could not deliver within its retry budget
 * (or could not read), exactly as received, plus the {@link DeadLetterHeaders} and {@value #OUTPUT_HEADER}.
 * Waits for the broker's acknowledgement, so the consumer's offset passes the change only once it is parked.
 */
@ApplicationScoped
public class Parking {

    static final String CHANNEL = "undeliverable";
    /** Header naming the output that could not deliver. */
    public static final String OUTPUT_HEADER = "notifier-output";
    /** The log fields (MDC, a field of their own in JSON logs) of a parked change: its finding id and output. */
    static final String LOG_FINDING = "findingId";
    static final String LOG_OUTPUT = "output";

    private final MutinyEmitter<byte[]> emitter;

    public Parking(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Parks a record for an output, with the reason; logs one alert-worthy line. */
    void park(String output, ConsumerRecord<String, byte[]> record, String reason) {
        String safeReason = ControlCharacters.escapeAndCut(reason, ContractLimits.EVIDENCE_TEXT);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        add(headers, DeadLetterHeaders.REASON, safeReason);
        add(headers, OUTPUT_HEADER, output);
        add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
        add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
        add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
        emitter.sendMessageAndAwait(Message.of(record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build()));
        String finding = ControlCharacters.escapeAndCut(record.key(), ContractLimits.NAME);
        MDC.put(LOG_FINDING, finding);
        MDC.put(LOG_OUTPUT, output);
        try {
            Log.errorf("UNDELIVERABLE output=%s finding=%s (%s-%d@%d) parked on portwatch.alerts.undeliverable: %s", output, finding,
                    record.topic(), record.partition(), record.offset(), safeReason);
        } finally {
            MDC.remove(LOG_FINDING);
            MDC.remove(LOG_OUTPUT);
        }
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
