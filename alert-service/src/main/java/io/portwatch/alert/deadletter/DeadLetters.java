package io.portwatch.alert.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.events.Topics;
import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.contract.DeadLetterHeaders;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/**
 * Produces the dead-letter topics {@code portwatch.listeners.dlq}, {@code portwatch.port-knowledge.dlq} and
 * {@code portwatch.probe-heartbeats.dlq}: a
 * record that breaks the contract or can't be processed, exactly as it was received (same key, value bytes —
 * a null value stays null — and headers), plus the {@link DeadLetterHeaders}; counted per topic in
 * {@value #METRIC}. The reason is escaped and cut, as is the key in the log line: both may carry what a
 * hostile producer chose. Created at start, so that each topic's counter is exported at 0 from the first scrape: a
 * counter that appeared with the first dead letter would show no increase for it, and the dead-letter alert
 * ({@code increase(...)}) would miss it.
 */
@Startup
@ApplicationScoped
public class DeadLetters {

    static final String LISTENERS_CHANNEL = "listeners-dlq";
    static final String KNOWLEDGE_CHANNEL = "port-knowledge-dlq";
    static final String HEARTBEATS_CHANNEL = "probe-heartbeats-dlq";
    static final String METRIC = "portwatch.alert.dead.letters";

    private final Emitter<byte[]> listeners;
    private final Emitter<byte[]> knowledge;
    private final Emitter<byte[]> heartbeats;
    private final Counter listenerCount;
    private final Counter knowledgeCount;
    private final Counter heartbeatCount;

    public DeadLetters(@Channel(LISTENERS_CHANNEL) Emitter<byte[]> listeners, @Channel(KNOWLEDGE_CHANNEL) Emitter<byte[]> knowledge,
            @Channel(HEARTBEATS_CHANNEL) Emitter<byte[]> heartbeats, MeterRegistry registry) {
        this.listeners = listeners;
        this.knowledge = knowledge;
        this.heartbeats = heartbeats;
        this.listenerCount = Counter.builder(METRIC).tag("topic", Topics.LISTENERS_DLQ)
                .description("Records sent to a dead-letter topic").register(registry);
        this.knowledgeCount = Counter.builder(METRIC).tag("topic", Topics.PORT_KNOWLEDGE_DLQ)
                .description("Records sent to a dead-letter topic").register(registry);
        this.heartbeatCount = Counter.builder(METRIC).tag("topic", Topics.PROBE_HEARTBEATS_DLQ)
                .description("Records sent to a dead-letter topic").register(registry);
    }

    /** Dead-letters a {@code portwatch.listeners} record with the value it was received with. */
    public void listener(ConsumerRecord<String, ?> record, byte[] value, String reason) {
        send(listeners, record, value, reason);
        listenerCount.increment();
    }

    /** Dead-letters a {@code portwatch.port-knowledge} record. */
    public void knowledge(ConsumerRecord<String, byte[]> record, String reason) {
        send(knowledge, record, record.value(), reason);
        knowledgeCount.increment();
    }

    /** Dead-letters a {@code portwatch.probe-heartbeats} record. */
    public void heartbeat(ConsumerRecord<String, byte[]> record, String reason) {
        send(heartbeats, record, record.value(), reason);
        heartbeatCount.increment();
    }

    private static void send(Emitter<byte[]> emitter, ConsumerRecord<String, ?> record, byte[] value, String reason) {
        String safeReason = ControlCharacters.escapeAndCut(reason, ContractLimits.EVIDENCE_TEXT);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(DeadLetterHeaders.REASON, safeReason.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        emitter.send(Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build()));
        Log.warnf("Record %s-%d@%d (key %s) sent to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), ControlCharacters.escapeAndCut(record.key(), ContractLimits.NAME), safeReason);
    }
}
