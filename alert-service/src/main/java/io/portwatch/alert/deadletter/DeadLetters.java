package io.portwatch.alert.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.config.AlertConfig;
import io.portwatch.events.Topics;
import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.contract.DeadLetterHeaders;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntUnaryOperator;

/**
 * Produces the dead-letter topics {@code portwatch.listeners.dlq}, {@code portwatch.port-knowledge.dlq} and
 * {@code portwatch.probe-heartbeats.dlq}: a
 * record that breaks the contract or can't be processed, exactly as it was received (same key, value bytes —
 * a null value stays null — and headers), plus the {@link DeadLetterHeaders}; counted per topic in
 * {@value #METRIC}. The reason is escaped and cut, as is the key in the log line: both may carry what a
 * hostile producer chose. Created at start, so that each topic's counter is exported at 0 from the first scrape: a
 * counter that appeared with the first dead letter would show no increase for it, and the dead-letter alert
 * ({@code increase(...)}) would miss it.
 * <p>
 * Sending never fails for want of room: the channels buffer without bound, and what they hold is bounded by a
 * {@link DeliveryBudget} of {@code portwatch.alert.dead-letters.unacknowledged-bytes} (keys, headers and values not yet
 * acknowledged), for which a sender waits. A consumer refusing a flood of records thus waits for Kafka, where the
 * channel's own bounded buffer (128 messages beyond the producer's 1,024 in flight) once threw and stopped it, on the
 * same records after every restart ({@code DeadLetterFloodTest}). A dead letter Kafka does not take is logged and
 * counted in {@value #UNDELIVERED_METRIC}, and the consumer goes on (no record may stop it): one refused for good (larger
 * than the producer's {@code max.request.size}), and a knowledge or heartbeat one that failed for now (Kafka away); so is
 * one that can no longer be sent ({@link #listenerLost}). A listener record's dead letter is settled before its offset is committed
 * ({@link #awaitSettled}).
 */
@Startup
@ApplicationScoped
public class DeadLetters {

    static final String LISTENERS_CHANNEL = "listeners-dlq";
    static final String KNOWLEDGE_CHANNEL = "port-knowledge-dlq";
    static final String HEARTBEATS_CHANNEL = "probe-heartbeats-dlq";
    static final String METRIC = "portwatch.alert.dead.letters";
    static final String UNDELIVERED_METRIC = "portwatch.alert.dead.letters.undelivered";
    static final String UNACKNOWLEDGED_METRIC = "portwatch.alert.dead.letters.unacknowledged";
    /** What a dead letter is charged beyond its key, headers and value: its record's framing and objects, roughly. */
    static final int OVERHEAD_BYTES = 128;

    /** One dead-letter topic: its channel and its counters. */
    private record Topic(String name, Emitter<byte[]> emitter, Counter sent, Counter undelivered) {

        static Topic of(String name, Emitter<byte[]> emitter, MeterRegistry registry) {
            return new Topic(name, emitter,
                    Counter.builder(METRIC).tag("topic", name).description("Records sent to a dead-letter topic").register(registry),
                    Counter.builder(UNDELIVERED_METRIC).tag("topic", name)
                            .description("Dead letters Kafka refused, or that can no longer be sent: the records are lost").register(registry));
        }
    }

    private final Topic listeners;
    private final Topic knowledge;
    private final Topic heartbeats;
    private final DeliveryBudget budget;
    private final Duration wait;

    public DeadLetters(@Channel(LISTENERS_CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<byte[]> listeners,
            @Channel(KNOWLEDGE_CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<byte[]> knowledge,
            @Channel(HEARTBEATS_CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<byte[]> heartbeats,
            AlertConfig config, MeterRegistry registry) {
        this.listeners = Topic.of(Topics.LISTENERS_DLQ, listeners, registry);
        this.knowledge = Topic.of(Topics.PORT_KNOWLEDGE_DLQ, knowledge, registry);
        this.heartbeats = Topic.of(Topics.PROBE_HEARTBEATS_DLQ, heartbeats, registry);
        this.wait = config.deadLetters().roomWait();
        this.budget = new DeliveryBudget(config.deadLetters().unacknowledgedBytes(), wait);
        Gauge.builder(UNACKNOWLEDGED_METRIC, budget, DeliveryBudget::unacknowledged).baseUnit("bytes")
                .description("Dead letters sent and not yet acknowledged by Kafka, all dead-letter topics together; at "
                        + "portwatch.alert.dead-letters.unacknowledged-bytes, refusing consumers wait for room").register(registry);
    }

    /**
     * Dead-letters a {@code portwatch.listeners} record with the value it was received with, once there is room, waiting
     * for it as long as it takes: the batch waits for its dead letters anyway.
     *
     * @return completes once the dead letter is settled: acknowledged, or refused by Kafka for good (logged and counted);
     *         fails when Kafka could not take it for now (a retriable failure: to send again, {@link #awaitSettled})
     * @throws IllegalStateException when the thread is interrupted (the service stops)
     */
    public CompletableFuture<Void> listener(ConsumerRecord<String, ?> record, byte[] value, String reason) {
        return send(listeners, record, value, reason, true, budget::takeWhenFree);
    }

    /**
     * Dead-letters again a {@code portwatch.listeners} record whose dead letter Kafka could not take for now, as
     * {@link #listener} does, but not counted again: the record was counted when first sent.
     */
    public CompletableFuture<Void> listenerAgain(ConsumerRecord<String, ?> record, byte[] value, String reason) {
        return send(listeners, record, value, reason, false, budget::takeWhenFree);
    }

    /**
     * Dead-letters a {@code portwatch.port-knowledge} record, once there is room; a dead letter Kafka does not take is
     * logged and counted.
     *
     * @throws IllegalStateException when Kafka acknowledged no room within {@code portwatch.alert.dead-letters.room-wait}
     */
    public void knowledge(ConsumerRecord<String, byte[]> record, String reason) {
        send(knowledge, record, record.value(), reason, true, budget::take);
    }

    /**
     * Dead-letters a {@code portwatch.probe-heartbeats} record, once there is room; a dead letter Kafka does not take is
     * logged and counted.
     *
     * @throws IllegalStateException when Kafka acknowledged no room within {@code portwatch.alert.dead-letters.room-wait}
     */
    public void heartbeat(ConsumerRecord<String, byte[]> record, String reason) {
        send(heartbeats, record, record.value(), reason, true, budget::take);
    }

    /**
     * Waits until every dead letter given ({@link #listener}'s, by any key) is settled, for
     * {@code portwatch.alert.dead-letters.room-wait} at most, and returns those that are not: the ones Kafka could not
     * take for now (a retriable failure: to send again), and the ones still waiting for Kafka when the wait ended (to wait
     * for again, not to send again).
     *
     * @throws IllegalStateException when one failed otherwise, or the thread is interrupted
     */
    public <K> Map<K, CompletableFuture<Void>> awaitSettled(Map<K, CompletableFuture<Void>> deadLetters) {
        try {
            CompletableFuture.allOf(deadLetters.values().toArray(CompletableFuture[]::new)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dead letters", e);
        } catch (ExecutionException | TimeoutException e) {
            // Some failed (allOf completes once every one has), or some still wait for Kafka.
            return unsettled(deadLetters);
        }
    }

    /**
     * Of these dead letters, those not settled: failed for now (a retriable failure), or not done yet.
     *
     * @throws IllegalStateException when one failed otherwise
     */
    public static <K> Map<K, CompletableFuture<Void>> unsettled(Map<K, CompletableFuture<Void>> deadLetters) {
        Map<K, CompletableFuture<Void>> unsettled = new LinkedHashMap<>();
        deadLetters.forEach((key, letter) -> {
            // Read once: a letter may settle while this looks.
            boolean done = letter.isDone();
            Throwable failure = done ? letter.handle((acknowledged, failed) -> failed).join() : null;
            if (failure != null && !retriable(failure)) {
                throw new IllegalStateException("a dead letter was not delivered: " + failure.getMessage(), failure);
            }
            if (!done || failure != null) {
                unsettled.put(key, letter);
            }
        });
        return unsettled;
    }

    /**
     * Sends a dead letter once {@code room} gave it room in the budget, counted when sent {@code first}; the future is
     * {@link #listener}'s.
     */
    private CompletableFuture<Void> send(Topic topic, ConsumerRecord<String, ?> record, byte[] value, String reason, boolean first,
            IntUnaryOperator room) {
        String safeReason = ControlCharacters.escapeAndCut(reason, ContractLimits.EVIDENCE_TEXT);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(DeadLetterHeaders.REASON, safeReason.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        int taken = room.applyAsInt(size(record.key(), headers, value));
        CompletableFuture<Void> settled = new CompletableFuture<>();
        settled.whenComplete((done, failure) -> budget.release(taken));
        try {
            topic.emitter().send(Message.of(value)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build())
                    .withAck(() -> {
                        settled.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        try {
                            refused(topic, record, failure, settled);
                        } catch (RuntimeException unforeseen) {
                            // Settled whatever happens, so that its room is given back; thrown here, it would end the channel.
                            settled.completeExceptionally(unforeseen);
                        }
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            settled.completeExceptionally(e);
            throw e;
        }
        if (first) {
            topic.sent().increment();
        }
        Log.warnf("Record %s-%d@%d (key %s) sent to the dead-letter topic%s: %s", record.topic(), record.partition(),
                record.offset(), ControlCharacters.escapeAndCut(record.key(), ContractLimits.NAME), first ? "" : " again", safeReason);
        return settled;
    }

    /**
     * Counts and logs as lost the dead letter of a {@code portwatch.listeners} record that can no longer be sent: the
     * record cannot be read again to send it as received (past the topic's retention, or the topic created again).
     *
     * @param why why it is lost and why it was refused, escaped
     */
    public void listenerLost(int partition, long offset, String why) {
        listeners.undelivered().increment();
        Log.errorf("The dead letter of %s-%d@%d was not delivered, the record is lost: %s", Topics.LISTENERS, partition, offset, why);
    }

    /**
     * Settles a dead letter Kafka did not take. A listener record's that failed for now (a retriable failure: Kafka away
     * past the delivery timeout; SmallRye wraps it when its retries are exhausted) fails, to be sent again.
     * Anything else is counted, logged and settled as lost: a refusal for good, and any failure of the other topics'
     * dead letters, whose records are not read again.
     */
    private static void refused(Topic topic, ConsumerRecord<String, ?> record, Throwable failure, CompletableFuture<Void> settled) {
        if (retriable(failure) && topic.name().equals(Topics.LISTENERS_DLQ)) {
            settled.completeExceptionally(failure);
            return;
        }
        topic.undelivered().increment();
        Log.errorf("The dead letter of %s-%d@%d was not delivered, the record is lost: %s", record.topic(), record.partition(),
                record.offset(), ControlCharacters.escapeAndCut(String.valueOf(failure.getMessage()), ContractLimits.EVIDENCE_TEXT));
        settled.complete(null);
    }

    /** Whether Kafka could not take a record for now (the cause chain holds a {@link RetriableException}), not for good. */
    static boolean retriable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a dead letter is charged against the budget, in bytes: its value, its key and headers (their names' characters
     * at 3 bytes each, the most UTF-8 takes), and {@value #OVERHEAD_BYTES} more.
     */
    private static int size(String key, RecordHeaders headers, byte[] value) {
        long size = OVERHEAD_BYTES + (key == null ? 0 : key.length() * 3L) + (value == null ? 0 : value.length);
        for (Header header : headers) {
            size += header.key().length() * 3L + (header.value() == null ? 0 : header.value().length);
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }
}
