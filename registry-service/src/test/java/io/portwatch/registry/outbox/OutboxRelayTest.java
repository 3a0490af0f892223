package io.portwatch.registry.outbox;

import io.portwatch.events.Topics;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.OutboxId;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.registry.ReadyRegistry;
import io.portwatch.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox across a relay that dies: rows committed but never sent are sent once; a row sent
 * but not yet deleted when the relay died is not sent again. The test holds the relay lock to
 * stand in for the dead relay, and sends what it would have sent.
 */
@QuarkusTest
class OutboxRelayTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final OutboxStore outbox;

    OutboxRelayTest(OutboxStore outbox) {
        this.outbox = outbox;
    }

    @Test
    void rowsSentBeforeACrashAreNotSentAgainAndUnsentOnesAreSentOnce() throws Exception {
        ReadyRegistry.await60s();
        await().atMost(DEADLINE).until(() -> QuarkusTransaction.requiringNew().call(outbox::size) == 0);
        PortKnowledge sentBeforeCrash = knowledge(47_101);
        PortKnowledge neverSent = knowledge(47_102);

        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> deadRelay = holdTheRelayLockUntil(release);
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(List.of(new OutboxEntry(sentBeforeCrash))));
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(List.of(new OutboxEntry(neverSent))));
        QueuedRecord first = QuarkusTransaction.requiringNew().call(() -> outbox.queued(10)).get(0);
        sendAsTheRelayWould(first);
        release.countDown();
        deadRelay.get(10, TimeUnit.SECONDS);

        await().atMost(DEADLINE).until(() -> QuarkusTransaction.requiringNew().call(outbox::size) == 0);
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.PORT_KNOWLEDGE)) {
            await().atMost(DEADLINE).until(() -> count(reader.poll(), "tcp/47102") == 1);
            List<ConsumerRecord<String, byte[]>> all = reader.poll();
            assertThat(count(all, "tcp/47101")).isEqualTo(1);
            assertThat(count(all, "tcp/47102")).isEqualTo(1);
            assertThat(CloudEvent.from(single(all, "tcp/47102").headers()).id()).isEqualTo("tcp/47102@0");
        }
    }

    private CompletableFuture<Void> holdTheRelayLockUntil(CountDownLatch release) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CompletableFuture<Void> relay = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            await().atMost(DEADLINE).until(outbox::tryRelayLock);
            held.countDown();
            try {
                release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(held.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return relay;
    }

    private void sendAsTheRelayWould(QueuedRecord record) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
            int partitions = producer.partitionsFor(Topics.PORT_KNOWLEDGE).size();
            RecordHeaders headers = new RecordHeaders();
            new CloudEvent("1.0", record.key() + "@" + record.version(), OutboxRelay.SOURCE, OutboxRelay.CHANGED,
                    Instant.now(), CloudEvent.JSON).writeTo(headers);
            headers.add(OutboxId.HEADER, Long.toString(record.id()).getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(Topics.PORT_KNOWLEDGE, OutboxRelay.partitionOf(record.key().toString(), partitions),
                    record.key().toString(), record.payload().getBytes(StandardCharsets.UTF_8), headers)).get();
        }
    }

    private static PortKnowledge knowledge(int port) {
        return PortKnowledge.unassigned(new PortKey(Transport.TCP, port));
    }

    private static long count(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(record -> key.equals(record.key())).count();
    }

    private static ConsumerRecord<String, byte[]> single(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(record -> key.equals(record.key())).findFirst().orElseThrow();
    }
}
