package io.portwatch.alert.listeners;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The hand-over between the poller's polls and the transactions that store them. */
class WaitingBatchesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final TopicPartition PARTITION = new TopicPartition("portwatch.listeners", 0);

    @Test
    void theBatchesWaitingAreTakenTogetherInTheOrderPolledUpToTheBound() throws InterruptedException {
        WaitingBatches waiting = new WaitingBatches(5, Long.MAX_VALUE);
        List<ConsumerRecords<String, ListenerRecord>> polled = List.of(batch(0, 2), batch(2, 2), batch(4, 1), batch(5, 3));
        polled.forEach(waiting::add);

        assertThat(waiting.take()).as("2 + 2 + 1 records: the bound").containsExactlyElementsOf(polled.subList(0, 3));
        assertThat(waiting.take()).containsExactly(polled.get(3));
        assertThat(waiting.records()).isZero();
    }

    @Test
    void aBatchLargerThanTheBoundIsTakenAlone() throws InterruptedException {
        WaitingBatches waiting = new WaitingBatches(2, Long.MAX_VALUE);
        ConsumerRecords<String, ListenerRecord> large = batch(0, 3);
        ConsumerRecords<String, ListenerRecord> next = batch(3, 1);
        waiting.add(large);
        waiting.add(next);

        assertThat(waiting.take()).containsExactly(large);
        assertThat(waiting.take()).containsExactly(next);
    }

    @Test
    void theConnectorWaitsWhileTheBoundWaitsAndGoesOnOnceTaken() throws InterruptedException {
        WaitingBatches waiting = new WaitingBatches(3, Long.MAX_VALUE);

        assertThat(waiting.add(batch(0, 2)).toCompletableFuture()).as("room for one more record").isDone();
        CompletionStage<Void> full = waiting.add(batch(2, 1));
        assertThat(full.toCompletableFuture()).as("3 records wait: the next batch waits").isNotDone();
        assertThat(waiting.records()).isEqualTo(3);

        waiting.take();
        assertThat(full.toCompletableFuture()).isDone();
        assertThat(waiting.add(batch(3, 1)).toCompletableFuture()).isDone();
    }

    @Test
    void largeRecordsHoldThePollerBackAtTheByteBoundNotTheRecordBound() throws InterruptedException {
        // A flood of the largest records a producer may write: each batch two records of 8 MiB values and 100-byte keys.
        int large = 8 << 20;
        long bound = 3L * (large + 100);
        WaitingBatches waiting = new WaitingBatches(10_000, bound);
        ConsumerRecords<String, ListenerRecord> first = batch(0, 2, 100, large);
        ConsumerRecords<String, ListenerRecord> second = batch(2, 2, 100, large);

        assertThat(waiting.add(first).toCompletableFuture()).as("2 of 3 records' bytes wait").isDone();
        CompletionStage<Void> full = waiting.add(second);
        assertThat(full.toCompletableFuture()).as("4 records' bytes wait: the next batch waits").isNotDone();
        assertThat(waiting.bytes()).isEqualTo(4L * (large + 100));

        assertThat(waiting.take()).as("the second batch would take the transaction past the bound").containsExactly(first);
        assertThat(full.toCompletableFuture()).as("2 records' bytes left: room again").isDone();
        assertThat(waiting.take()).containsExactly(second);
        assertThat(waiting.bytes()).isZero();
    }

    @Test
    void boundsThatAreNotPositiveAreRefusedAtStartRatherThanStallingThePoller() {
        assertThatThrownBy(() -> new WaitingBatches(10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-batch-bytes (0)");
        assertThatThrownBy(() -> new WaitingBatches(-1, 1024)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-poll-records (-1)");
    }

    @Test
    void takingWaitsForABatch() throws InterruptedException {
        WaitingBatches waiting = new WaitingBatches(10, Long.MAX_VALUE);
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

    /** A batch as the poller polls it: {@code count} records of one partition from {@code offset} on, of unknown size. */
    private static ConsumerRecords<String, ListenerRecord> batch(long offset, int count) {
        return batch(offset, count, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE);
    }

    /** A batch of records whose keys and values were that many bytes as received. */
    private static ConsumerRecords<String, ListenerRecord> batch(long offset, int count, int keyBytes, int valueBytes) {
        List<ConsumerRecord<String, ListenerRecord>> records = LongStream.range(offset, offset + count)
                .mapToObj(at -> new ConsumerRecord<String, ListenerRecord>(PARTITION.topic(), PARTITION.partition(), at,
                        ConsumerRecord.NO_TIMESTAMP, TimestampType.CREATE_TIME, keyBytes, valueBytes, "host", null,
                        new RecordHeaders(), Optional.empty()))
                .toList();
        return new ConsumerRecords<>(Map.of(PARTITION, records), Map.of());
    }
}
