package io.portwatch.alert.listeners;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.fleet.RecordVerifier;
import io.portwatch.events.Topics;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.ListenerEventType;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate holds a producer's record timestamps ({@code CREATE_TIME}) against this consumer's clock, read once for
 * the batch: one more than the contract's future skew ahead is refused before it is decoded, each record of a batch
 * on its own; a broker's {@code LOG_APPEND_TIME} is the broker's clock, not the producer's, and is not held so.
 */
@QuarkusTest
class RecordTimestampGateTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Inject
    AlertConfig config;

    @Inject
    RecordVerifier verifier;

    @Test
    void aRecordStampedMoreThanTheSkewAheadOfThisClockIsRefusedAndItsBatchNeighbourIsNot() {
        Duration skew = config.contract().futureSkew();
        ConsumerRecord<String, ListenerRecord> ahead = record("ahead", NOW.plus(skew).plusSeconds(1), TimestampType.CREATE_TIME);
        ConsumerRecord<String, ListenerRecord> within = record("within", NOW.plus(skew).minusSeconds(1), TimestampType.CREATE_TIME);
        ConsumerRecord<String, ListenerRecord> appended = record("appended", NOW.plus(skew).plusSeconds(1), TimestampType.LOG_APPEND_TIME);

        gate().admit(List.of(ahead, within, appended), List.of(ahead.value(), within.value(), appended.value()));

        assertThat(ahead.value().malformed()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("the record's timestamp " + NOW.plus(skew).plusSeconds(1)).endsWith("after this consumer's clock"));
        assertThat(within.value().malformed()).isEmpty();
        assertThat(within.value().event()).isPresent();
        assertThat(appended.value().malformed()).as("the broker's time is not held against this clock").isEmpty();
    }

    @Test
    void aBatchIsHeldAgainstOneReadingOfTheClock() {
        AtomicInteger readings = new AtomicInteger();
        Clock counting = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                readings.incrementAndGet();
                return NOW;
            }
        };
        List<ConsumerRecord<String, ListenerRecord>> batch = List.of(record("a", NOW, TimestampType.CREATE_TIME),
                record("b", NOW, TimestampType.CREATE_TIME), record("c", NOW, TimestampType.CREATE_TIME));

        gate(counting).admit(batch, batch.stream().map(ConsumerRecord::value).toList());

        assertThat(readings).hasValue(1);
        assertThat(batch).allSatisfy(record -> assertThat(record.value().malformed()).isEmpty());
    }

    private ListenerContractGate gate() {
        return gate(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private ListenerContractGate gate(Clock clock) {
        return new ListenerContractGate(config.contract(), verifier, false, clock);
    }

    /** A record of host {@code hostId}, observed at its own timestamp (so within the observedAt window). */
    private static ConsumerRecord<String, ListenerRecord> record(String hostId, Instant timestamp, TimestampType type) {
        byte[] json = EventJson.toBytes(Fixtures.eventAt(timestamp, ListenerEventType.OPENED, hostId,
                Fixtures.listener(new PortKey(Transport.TCP, 22), "0.0.0.0", Exposure.ALL_INTERFACES)));
        return new ConsumerRecord<>(Topics.LISTENERS, 0, 0L, timestamp.toEpochMilli(), type, 0, json.length, hostId,
                new ListenerRecordDeserializer().deserialize(Topics.LISTENERS, json), new RecordHeaders(), Optional.empty());
    }
}
