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
import org.hibernate.engine.spi.SelfDirtinessTracker;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

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
    MeterRegistry registry;

    @Test
    void aChangeIsOneRowWithItsMainTopicAndItsRoutes() {
        List<OutboxEntity> rows = QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxEntity> staged = outbox.stage(List.of(change("sweeper-1", Severity.HIGH), change("sweeper-2", Severity.MEDIUM)));
            OutboxEntity.deleteSent(staged.stream().map(row -> row.id).toList()); // staged only to be looked at: never sent
            return staged;
        });

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).topics).containsExactly(Topics.ALERTS, Topics.alertRoute("paging"));
        assertThat(rows.get(1).topics).containsExactly(Topics.ALERTS);
    }

    @Test
    void stagedRowsTrackNoFieldWritesForHibernate() {
        List<OutboxEntity> staged = QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxEntity> rows = outbox.stage(List.of(change("outbox-untracked", Severity.HIGH)));
            OutboxEntity.deleteSent(rows.stream().map(row -> row.id).toList()); // staged only to be looked at: never sent
            return rows;
        });
        OutboxEntity madeOtherwise = new OutboxEntity();
        madeOtherwise.key = "k";

        assertThat(trackedWrites(madeOtherwise)).as("a row made otherwise").containsExactly("key");
        assertThat(staged).singleElement().satisfies(row -> assertThat(trackedWrites(row)).isEmpty());
    }

    /** The fields of a row that Hibernate's enhancement recorded as written. */
    private static List<String> trackedWrites(OutboxEntity row) {
        return List.of(((SelfDirtinessTracker) (Object) row).$$_hibernate_getDirtyAttributes());
    }

    @Test
    void aTransactionsRowsAreStoredAsStagedEachWithItsOwnId() {
        FindingChange first = change("outbox-rows-1", Severity.HIGH);
        FindingChange again = change("outbox-rows-1", Severity.HIGH, 2);
        List<FindingChange> changes = List.of(first, change("outbox-rows-2", Severity.MEDIUM), again);
        List<OutboxEntity> staged = QuarkusTransaction.requiringNew().call(() -> outbox.stage(changes));
        try {
            assertThat(staged).extracting(row -> row.id).doesNotContainNull().doesNotHaveDuplicates();
            for (OutboxEntity row : staged) {
                OutboxEntity stored = QuarkusTransaction.requiringNew().call(() -> OutboxEntity.<OutboxEntity>findById(row.id));
                assertThat(stored).as("row %d", row.id).isNotNull();
                assertThat(List.of(stored.topics, stored.key, stored.version, stored.cloudEventType, stored.severity, stored.payload,
                        stored.eventTime, stored.createdAt, String.valueOf(stored.parkedAt)))
                        .as("row %d as stored", row.id)
                        .containsExactly(row.topics, row.key, row.version, row.cloudEventType, row.severity, row.payload,
                                micros(row.eventTime), micros(row.createdAt), "null");
            }
            assertThat(staged.get(2).version).as("the second version's row").isEqualTo(2);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> OutboxEntity.deleteSent(staged.stream().map(row -> row.id).toList()));
        }
    }

    @Test
    void aRowLeftAfterItsFirstTopicIsSentToTheOthersOnlyAndDeleted() {
        OutboxEntity row = QuarkusTransaction.requiringNew().call(() -> outbox.stage(List.of(change("sweeper-3", Severity.HIGH)))).get(0);
        try (TopicWriter writer = new TopicWriter(bootstrapServers)) {
            // The crash came after the record on portwatch.alerts was acknowledged, before the one on the route.
            writer.send(Topics.ALERTS, row.key, row.payload, sentFrom(row.id, OutboxPublisher.SOURCE));
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
    void aRowTheBrokerRefusesForGoodIsParkedAndTheRowsBehindItGoOut() {
        List<OutboxEntity> rows = QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxEntity> staged = outbox.stage(List.of(change("sweeper-6", Severity.MEDIUM), change("sweeper-7", Severity.MEDIUM)));
            // Larger than the producer's max.request.size (1 MB): the broker can never take it.
            staged.get(0).payload = "x".repeat(1_500_000).getBytes(StandardCharsets.US_ASCII);
            OutboxEntity.update("payload = ?1 where id = ?2", staged.get(0).payload, staged.get(0).id);
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

    /** A time as PostgreSQL stores it: rounded to the microsecond. */
    private static Instant micros(Instant time) {
        return time.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
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
        return change(findingId, severity, 1);
    }

    private static FindingChange change(String findingId, Severity severity, long version) {
        PortKey port = new PortKey(Transport.TCP, 3031);
        Instant now = Instant.now();
        FindingEvent event = new FindingEvent(findingId, "unexpected-process", severity, FindingState.OPEN, Fixtures.host(findingId), "test", findingId, null,
                Fixtures.listener(port, "0.0.0.0", Exposure.ALL_INTERFACES), new KnowledgeSummary("eppc", ServiceStatus.LEGACY, Risk.HIGH),
                "title", "description", "remediation", List.of(), now, now, version);
        return new FindingChange(version == 1 ? FindingChange.Kind.OPENED : FindingChange.Kind.UPDATED, event, now, "changed by the test");
    }
}
