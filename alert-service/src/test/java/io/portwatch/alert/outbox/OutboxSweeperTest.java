package io.portwatch.alert.outbox;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.FindingChange;
import io.portwatch.alert.findings.FindingOutbox;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.KnowledgeSummary;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.OutboxId;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.testing.TopicReader;
import io.portwatch.testing.TopicWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a crash leaves in the outbox reaches every topic of its change exactly once: a row is one change with
 * all its topics, and a crash can come after some of them got their record.
 */
@QuarkusTest
class OutboxSweeperTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    FindingOutbox outbox;

    @Inject
    OutboxSweeper sweeper;

    @Inject
    OutboxRing ring;

    @Inject
    MeterRegistry registry;

    @Test
    void aChangeIsOneRowWithItsMainTopicAndItsRoutes() {
        List<OutboxEntity> rows = QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxEntity> staged = outbox.stage(List.of(change("sweeper-1", Severity.HIGH), change("sweeper-2", Severity.MEDIUM)));
            OutboxRing.acknowledge(List.of(staged.get(0).batch)); // staged only to be looked at: never sent
            return staged;
        });

        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).batch).as("one batch per transaction").isEqualTo(rows.get(0).batch);
        assertThat(rows.get(0).topics).containsExactly(Topics.ALERTS, Topics.alertRoute("paging"));
        assertThat(rows.get(1).topics).containsExactly(Topics.ALERTS);
    }

    @Test
    void aRowLeftAfterItsFirstTopicIsSentToTheOthersOnlyAndDeleted() {
        OutboxEntity row = QuarkusTransaction.requiringNew().call(() -> outbox.stage(List.of(change("sweeper-3", Severity.HIGH)))).get(0);
        try (TopicWriter writer = new TopicWriter(bootstrapServers)) {
            // The crash came after the record on portwatch.alerts was acknowledged, before the one on the route.
            writer.send(Topics.ALERTS, row.key, row.payload.getBytes(StandardCharsets.UTF_8), sentFrom(row.id, OutboxPublisher.SOURCE));
        }

        int sent = sweeper.sweep(Instant.now().plusSeconds(1));

        assertThat(sent).isGreaterThanOrEqualTo(1);
        assertThat(recordsOf(row, Topics.ALERTS)).as("portwatch.alerts").isEqualTo(1);
        assertThat(recordsOf(row, Topics.alertRoute("paging"))).as("the paging route").isEqualTo(1);
        OutboxEntity left = QuarkusTransaction.requiringNew().call(() -> OutboxEntity.findById(row.id));
        assertThat(left).as("the swept row").isNull();
    }

    @Test
    void anOutboxIdForgedByAnotherProducerDoesNotKeepTheRowFromItsTopic() {
        OutboxEntity row = QuarkusTransaction.requiringNew().call(() -> outbox.stage(List.of(change("sweeper-8", Severity.HIGH)))).get(0);
        try (TopicWriter writer = new TopicWriter(bootstrapServers)) {
            // Any producer allowed on the topic can name the row's outbox id; only alert-service's own records count.
            writer.send(Topics.ALERTS, row.key, "forged".getBytes(StandardCharsets.UTF_8), sentFrom(row.id, "/somebody/else"));
            writer.send(Topics.ALERTS, row.key, "forged".getBytes(StandardCharsets.UTF_8), List.of(OutboxId.header(row.id)));
        }

        sweeper.sweep(Instant.now().plusSeconds(1));

        assertThat(recordsOf(row, Topics.ALERTS)).as("alert-service's records on portwatch.alerts").isEqualTo(1);
        assertThat(recordsOf(row, Topics.alertRoute("paging"))).as("the paging route").isEqualTo(1);
    }

    @Test
    void aRowAnInstanceOfTheVersionBeforeWritesIsKeptAndSweptAlone() {
        long id = -4242; // outbox ids from the sequence are positive
        byte[] payload = EventJson.toBytes(change("sweeper-4", Severity.HIGH).event());
        // During a rolling upgrade, the version before writes its rows without a slot or a batch (and deletes them itself).
        QuarkusTransaction.requiringNew().run(() -> OutboxEntity.getEntityManager().createNativeQuery("""
                        INSERT INTO alert_outbox (id, topics, record_key, version, ce_type, severity, payload, event_time, created_at)
                        VALUES (?1, ARRAY[?2], 'sweeper-4', 1, 'portwatch.finding.opened', 'HIGH', ?3, now(), now() - interval '2 minutes')""")
                .setParameter(1, id).setParameter(2, Topics.alertRoute("paging"))
                .setParameter(3, new String(payload, StandardCharsets.UTF_8)).executeUpdate());
        OutboxEntity row = QuarkusTransaction.requiringNew().call(() -> OutboxEntity.findById(id));
        assertThat(row.slot).isEqualTo(OutboxRing.KEPT);
        assertThat(row.batch).isNull();

        sweeper.sweep(Instant.now());

        assertThat(recordsOf(row, Topics.alertRoute("paging"))).isEqualTo(1);
        assertThat(recordsOf(row, Topics.ALERTS)).isZero();
        assertThat(QuarkusTransaction.requiringNew().<OutboxEntity>call(() -> OutboxEntity.findById(id))).as("the swept row").isNull();
    }

    @Test
    void aRowTheBrokerRefusesForGoodIsParkedAndTheRowsBehindItGoOut() {
        List<OutboxEntity> rows = QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxEntity> staged = outbox.stage(List.of(change("sweeper-6", Severity.MEDIUM), change("sweeper-7", Severity.MEDIUM)));
            // Larger than the producer's max.request.size (1 MB): the broker can never take it.
            staged.get(0).payload = "x".repeat(1_500_000);
            return staged;
        });
        double parkedBefore = registry.counter("portwatch.alert.outbox.parked").count();

        sweeper.sweep(Instant.now().plusSeconds(1));
        sweeper.sweep(Instant.now().plusSeconds(1));

        OutboxEntity parked = QuarkusTransaction.requiringNew().call(() -> OutboxEntity.findById(rows.get(0).id));
        assertThat(parked.parkedAt).isNotNull();
        assertThat(parked.parkReason).startsWith("RecordTooLargeException");
        assertThat(registry.counter("portwatch.alert.outbox.parked").count()).as("parked once, not per sweep").isEqualTo(parkedBefore + 1);
        assertThat(recordsOf(rows.get(1), Topics.ALERTS)).as("the row behind it").isEqualTo(1);
        OutboxEntity sent = QuarkusTransaction.requiringNew().call(() -> OutboxEntity.findById(rows.get(1).id));
        assertThat(sent).as("the sent row").isNull();
        assertThat(parked.slot).as("kept where no truncation reaches it").isEqualTo(OutboxRing.KEPT);
        assertThat(pending(rows.get(0).batch)).as("the batch, nothing of it left to send").isFalse();
    }

    @Test
    void aSlotIsTruncatedOnlyOnceEveryBatchInItIsAcknowledged() {
        List<OutboxEntity> rows = QuarkusTransaction.requiringNew().call(() -> outbox.stage(List.of(change("ring-1", Severity.MEDIUM))));
        OutboxEntity row = rows.get(0);
        // A time at which the row's slot is neither the current one nor the one before.
        Instant later = Instant.now().plus(OutboxRing.PERIOD.multipliedBy(3));

        ring.reclaim(later);
        assertThat(QuarkusTransaction.requiringNew().<OutboxEntity>call(() -> OutboxEntity.findById(row.id))).as("a pending batch's row").isNotNull();

        QuarkusTransaction.requiringNew().run(() -> OutboxRing.acknowledge(List.of(row.batch)));

        // A sweep reading the outbox meanwhile holds the slot: truncated on a later round then.
        await().atMost(DEADLINE).until(() -> {
            ring.reclaim(later);
            return QuarkusTransaction.requiringNew().call(() -> OutboxEntity.findById(row.id)) == null;
        });
    }

    private static boolean pending(long batch) {
        return QuarkusTransaction.requiringNew().call(() -> (Boolean) OutboxEntity.getEntityManager()
                .createNativeQuery("SELECT EXISTS (SELECT 1 FROM alert_outbox_batch WHERE batch = ?1)")
                .setParameter(1, batch).getSingleResult());
    }

    @Test
    void deletesMoreRowsThanOneStatementCanBind() {
        OutboxEntity row = QuarkusTransaction.requiringNew().call(() -> outbox.stage(List.of(change("sweeper-5", Severity.MEDIUM)))).get(0);
        List<Long> ids = new ArrayList<>(LongStream.range(1, 40_000).map(id -> -id).boxed().toList());
        ids.add(row.id);

        QuarkusTransaction.requiringNew().run(() -> OutboxEntity.deleteSent(ids));

        OutboxEntity left = QuarkusTransaction.requiringNew().call(() -> OutboxEntity.findById(row.id));
        assertThat(left).as("the deleted row").isNull();
    }

    private long recordsOf(OutboxEntity row, String topic) {
        try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
            return reader.readToEnd(DEADLINE).stream().filter(record -> carries(record, row.id)).count();
        }
    }

    /** Whether alert-service sent the record from this outbox row. */
    private static boolean carries(ConsumerRecord<String, byte[]> record, long outboxId) {
        return OutboxId.sentBy(record.headers(), OutboxPublisher.SOURCE).equals(OptionalLong.of(outboxId));
    }

    private static List<Header> sentFrom(long outboxId, String source) {
        return List.of(OutboxId.header(outboxId), new RecordHeader(CloudEvent.SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8)));
    }

    private static FindingChange change(String findingId, Severity severity) {
        PortKey port = new PortKey(Transport.TCP, 3031);
        Instant now = Instant.now();
        FindingEvent event = new FindingEvent(findingId, "unexpected-process", severity, FindingState.OPEN, Fixtures.host(findingId), "test", findingId, null,
                Fixtures.listener(port, "0.0.0.0", Exposure.ALL_INTERFACES), new KnowledgeSummary("eppc", ServiceStatus.LEGACY, Risk.HIGH),
                "title", "description", "remediation", List.of(), now, now, 1);
        return new FindingChange(FindingChange.Kind.OPENED, event, now, "opened by the test");
    }
}
