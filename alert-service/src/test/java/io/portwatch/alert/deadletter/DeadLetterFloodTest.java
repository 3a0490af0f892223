package io.portwatch.alert.deadletter;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.PositionLock;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.testing.TopicReader;
import io.portwatch.testing.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A flood of records that break the contract, refused faster than Kafka acknowledges their dead letters: every one
 * reaches its dead-letter topic exactly as received, and each consumer goes on. Each dead-letter channel here takes
 * only {@value #IN_FLIGHT} records in flight, so that any machine's Kafka acknowledges more slowly than the consumers
 * refuse: with the channel's own buffer (128 messages), a burst of {@value #FLOOD} once made the emitter throw and
 * stopped the consumer, and again after every restart (the records were never committed). The dead letters waiting
 * for Kafka are bounded to {@value #BUDGET} bytes, a few records, so that senders wait for room all the time; and the
 * listener dead letters to {@value #LARGEST} bytes a request, so that Kafka refuses a larger one for good.
 */
@QuarkusTest
@TestProfile(DeadLetterFloodTest.FewInFlight.class)
class DeadLetterFloodTest {

    static final int IN_FLIGHT = 16;
    static final int FLOOD = 2_000;
    static final int BUDGET = 4_096;
    static final int LARGEST = 4_096;
    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final String RULE = "legacy-service-exposed";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /**
     * The dead-letter channels with {@value #IN_FLIGHT} records in flight each, {@value #BUDGET} bytes waiting for
     * Kafka in all, and listener dead letters of at most {@value #LARGEST} bytes.
     */
    public static class FewInFlight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>();
            List.of("listeners-dlq", "port-knowledge-dlq", "probe-heartbeats-dlq").forEach(channel ->
                    overrides.put("mp.messaging.outgoing." + channel + ".max-inflight-messages", Integer.toString(IN_FLIGHT)));
            overrides.put("portwatch.alert.dead-letters.unacknowledged-bytes", Integer.toString(BUDGET));
            overrides.put("mp.messaging.outgoing.listeners-dlq.max.request.size", Integer.toString(LARGEST));
            return overrides;
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    private AlertFlow flow;
    private String prefix;
    private List<TopicWriter.Keyed> flood;

    @BeforeEach
    void aFloodIsReady() {
        flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
        prefix = "flood-" + UUID.randomUUID() + "-";
        flood = IntStream.range(0, FLOOD)
                .mapToObj(i -> new TopicWriter.Keyed(prefix + i, ("not an event " + i).getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    @AfterEach
    void close() {
        flow.close();
    }

    @Test
    void aTransactionOfPoisonOnlyIsDeadLetteredWholeAndTheListenerConsumerGoesOn() throws Exception {
        try (TopicReader dlq = new TopicReader(bootstrapServers, Topics.LISTENERS_DLQ)) {
            PeakSampler waiting;
            try (PositionLock lock = PositionLock.hold(dataSource)) {
                // A transaction waits while the whole flood is polled: the next one refuses it at once.
                flow.publish(Fixtures.openedOnAllInterfaces(prefix + "before", AFP));
                lock.awaitWaiter(DEADLINE);
                flow.publishAllRaw(Topics.LISTENERS, flood);
                await().atMost(DEADLINE).until(() -> registry.find("portwatch.alert.listener.waiting.records").gauge().value() >= FLOOD);
                waiting = new PeakSampler(unacknowledged());
            }
            try (waiting) {
                flow.publish(Fixtures.openedOnAllInterfaces(prefix + "after", AFP));

                assertAllDeadLettered(dlq);
                assertCharged(waiting.peak());
            }
            flow.awaitFinding(prefix + "after", AFP, RULE, FindingState.OPEN);
        }
        get("/q/health/live").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {Topics.PORT_KNOWLEDGE, Topics.PROBE_HEARTBEATS})
    void aFloodIsDeadLetteredWholeAndTheConsumerGoesOn(String topic) throws Exception {
        try (TopicReader dlq = new TopicReader(bootstrapServers, topic + ".dlq");
                PeakSampler waiting = new PeakSampler(unacknowledged())) {
            flow.publishAllRaw(topic, flood);

            assertAllDeadLettered(dlq);
            assertCharged(waiting.peak());
        }
        get("/q/health/live").then().statusCode(200);
        // The listener consumer was never in the way; the knowledge view and the heartbeats' channel are what flooded.
        get("/q/health/ready").then().statusCode(200);
        flow.publish(Fixtures.openedOnAllInterfaces(prefix + "after", AFP));
        flow.awaitFinding(prefix + "after", AFP, RULE, FindingState.OPEN);
    }

    @Test
    void aDeadLetterKafkaRefusesForGoodIsCountedAndTheConsumerGoesOn() {
        Counter undelivered = registry.find("portwatch.alert.dead.letters.undelivered").tag("topic", Topics.LISTENERS_DLQ).counter();
        double before = undelivered.count();
        byte[] tooLarge = new byte[2 * LARGEST];
        Arrays.fill(tooLarge, (byte) 'x');
        byte[] small = "not an event".getBytes(StandardCharsets.UTF_8);
        try (TopicReader dlq = new TopicReader(bootstrapServers, Topics.LISTENERS_DLQ)) {
            flow.publishRaw(prefix + "too-large", tooLarge);
            flow.publishRaw(prefix + "small", small);
            flow.publish(Fixtures.openedOnAllInterfaces(prefix + "after", AFP));

            flow.awaitFinding(prefix + "after", AFP, RULE, FindingState.OPEN);
            // Its room given back: the small one, refused after it, is dead-lettered.
            byte[] dead = await().atMost(DEADLINE).until(() -> dlq.poll().stream().filter(record -> (prefix + "small").equals(record.key()))
                    .findFirst(), Optional::isPresent).orElseThrow().value();
            assertThat(dead).isEqualTo(small);
        }
        assertThat(undelivered.count() - before).isEqualTo(1);
        get("/q/health/live").then().statusCode(200);
    }

    private void assertAllDeadLettered(TopicReader dlq) {
        Map<String, byte[]> dead = new HashMap<>();
        await().atMost(DEADLINE).until(() -> {
            dlq.poll().stream().filter(record -> record.key() != null && record.key().startsWith(prefix)).forEach(record -> dead.put(record.key(), record.value()));
            return dead.size() == FLOOD;
        });
        assertThat(flood).allSatisfy(record -> assertThat(dead.get(record.key())).as(record.key() + " exactly as received")
                .isEqualTo(record.value()));
    }

    /** The gauge of the bytes of dead letters waiting for Kafka. */
    private Gauge unacknowledged() {
        return registry.find("portwatch.alert.dead.letters.unacknowledged").gauge();
    }

    /** The dead letters waiting for Kafka were charged to the budget: some bytes of them were seen taken. */
    private static void assertCharged(double peak) {
        assertThat(peak).as("the most bytes of dead letters waiting for Kafka at once").isPositive();
    }

    /**
     * Reads a gauge every millisecond, on a thread of its own, until closed (or for the {@link #DEADLINE} at most), and
     * keeps the highest value read.
     */
    private static final class PeakSampler implements AutoCloseable {
        private final AtomicBoolean closed = new AtomicBoolean();
        private final CompletableFuture<Double> peak;

        PeakSampler(Gauge gauge) {
            peak = new CompletableFuture<>();
            Thread sampler = new Thread(() -> {
                double highest = gauge.value();
                long end = System.nanoTime() + DEADLINE.toNanos();
                while (!closed.get() && System.nanoTime() < end) {
                    LockSupport.parkNanos(1_000_000);
                    highest = Math.max(highest, gauge.value());
                }
                peak.complete(highest);
            }, "peak-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        /** Stops reading: the highest value read. */
        double peak() throws Exception {
            closed.set(true);
            return peak.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
