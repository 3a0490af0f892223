package io.portwatch.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Writes records to a topic with a plain Kafka producer, waiting for their acknowledgements. */
public final class TopicWriter implements AutoCloseable {

    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final KafkaProducer<String, byte[]> producer;

    public TopicWriter(String bootstrapServers) {
        // Compressed and up to 16 MiB, as probes write: tests also send the largest records a consumer must refuse.
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends one record and waits until the broker has it. */
    public void send(String topic, String key, byte[] value, List<Header> headers) {
        acknowledged(topic, producer.send(new ProducerRecord<>(topic, null, key, value, headers)));
    }

    /** Sends one record with the given timestamp (its producer's, CreateTime) and waits until the broker has it. */
    public void send(String topic, String key, byte[] value, List<Header> headers, Instant timestamp) {
        acknowledged(topic, producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key, value, headers)));
    }

    /**
     * Sends records of one key without waiting in between, then waits until the broker has them all: they travel
     * in one producer batch, so a consumer polls them together.
     */
    public void sendTogether(String topic, String key, List<byte[]> values) {
        sendAll(topic, values.stream().map(value -> new Keyed(key, value)).toList());
    }

    /**
     * Sends records without waiting for each, then waits until the broker has them all: a backlog of thousands takes
     * a second, not a producer linger per record. The producer is idempotent, so the records of one key reach their
     * partition in the order given, retries included.
     */
    public void sendAll(String topic, List<Keyed> records) {
        records.stream().map(record -> producer.send(new ProducerRecord<>(topic, record.key(), record.value()))).toList()
                .forEach(sent -> acknowledged(topic, sent));
    }

    /** A record for {@link #sendAll(String, List)}: its key and value. */
    public record Keyed(String key, byte[] value) {
    }

    private static void acknowledged(String topic, Future<RecordMetadata> sent) {
        try {
            sent.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
