package io.portwatch.alert.listeners;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The hand-over between the poller's polls and the transactions that store them. */
class WaitingBatchesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final TopicPartition PARTITION = new TopicPartition("portwatch.listeners", 0);

    @Test
    void theBatchesWaitingAreTakenTogetherInTheOrderPolledUpToTheBound() throws InterruptedException {
        WaitingBatches waiting = new WaitingBatches(5);
        List<ConsumerRecords<String, ListenerRecord>> polled = List.of(batch(0, 2), batch(2, 2), batch(4, 1), batch(5, 3));
        polled.forEach(waiting::add);

        assertThat(waiting.take()).as("2 + 2 + 1 records: the bound").containsExactlyElementsOf(polled.subList(0, 3));
        assertThat(waiting.take()).containsExactly(polled.get(3));
        assertThat(waiting.records()).isZero();
    }

    @Test
    void aBatchLargerThanTheBoundIsTakenAlone() throws InterruptedException {
        WaitingBatches waiting = new WaitingBatches(2);
        ConsumerRecords<String, ListenerRecord> large = batch(0, 3);
        ConsumerRecords<String, ListenerRecord> next = batch(3, 1);
        waiting.add(large);
        waiting.add(next);

        assertThat(waiting.take()).containsExactly(large);
        assertThat(waiting.take()).containsExactly(next);
    }

    @Test
    void theConnectorWaitsWhileTheBoundWaitsAndGoesOnOnceTaken() throws InterruptedException {
        WaitingBatches waiting = new WaitingBatches(3);

        assertThat(waiting.add(batch(0, 2)).toCompletableFuture()).as("room for one more record").isDone();
        CompletionStage<Void> full = waiting.add(batch(2, 1));
        assertThat(full.toCompletableFuture()).as("3 records wait: the next batch waits").isNotDone();
        assertThat(waiting.records()).isEqualTo(3);

        waiting.take();
        assertThat(full.toCompletableFuture()).isDone();
        assertThat(waiting.add(batch(3, 1)).toCompletableFuture()).isDone();
    }

    @Test
    void takingWaitsForABatch() throws InterruptedException {
        WaitingBatches waiting = new WaitingBatches(10);
        CompletableFuture<List<ConsumerRecords<String, ListenerRecord>>> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return waiting.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(taken).isNotDone();

        ConsumerRecords<String, ListenerRecord> batch = batch(0, 1);
        waiting.add(batch);

        await().atMost(DEADLINE).until(taken::isDone);
        assertThat(taken.join()).containsExactly(batch);
    }

    /** A batch as the poller polls it: {@code count} records of one partition from {@code offset} on. */
    private static ConsumerRecords<String, ListenerRecord> batch(long offset, int count) {
        List<ConsumerRecord<String, ListenerRecord>> records = LongStream.range(offset, offset + count)
                .mapToObj(at -> new ConsumerRecord<String, ListenerRecord>(PARTITION.topic(), PARTITION.partition(), at, "host", null))
                .toList();
        return new ConsumerRecords<>(Map.of(PARTITION, records), Map.of());
    }
}
