package io.portwatch.alert.outbox;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox producer's settings that the exactly-once outbox and the end-to-end latency rely on. */
class OutboxProducerConfigTest {

    @Test
    void sendsAtOnceInLargeBatchesAcknowledgedByAllReplicasAndIdempotent() {
        Map<String, Object> config = OutboxPublisher.producerConfig(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:19092", ProducerConfig.LINGER_MS_CONFIG, 50,
                        ProducerConfig.BATCH_SIZE_CONFIG, 16_384),
                Duration.ofSeconds(30));

        // Kafka 4 lingers 5 ms by default: every lone finding change would wait that long (bench/RESULTS.md, alert-latency).
        // A transaction's changes in few requests, however many (bench/RESULTS.md, alert-outbox-batches-32).
        assertThat(config).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 262_144)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:19092");
    }
}
