package io.portwatch.alert.listeners;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.assets.AssetIndex;
import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.findings.FindingChange;
import io.portwatch.alert.findings.FindingEntity;
import io.portwatch.alert.findings.FindingService;
import io.portwatch.alert.findings.FindingStore;
import io.portwatch.alert.knowledge.KnowledgeView;
import io.portwatch.alert.memo.NoChangeMemo;
import io.portwatch.alert.rules.LegacyServiceExposedRule;
import io.portwatch.alert.rules.RuleEngine;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Events of a host whose earlier event of the same batch goes to the database settle in the batch when they change
 * nothing of what that event leaves (alert-service/DESIGN.md, invariant 2): they change what the unoptimised path
 * changes, nothing of a rolled-back batch reaches the memo, and a batch consumed again changes nothing.
 */
@QuarkusTest
class InBatchSettlementTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final PortKey UNASSIGNED = new PortKey(Transport.TCP, 47123);
    private static final Listener EXPOSED_AFP = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
    private static final Listener EXPOSED_UNASSIGNED = Fixtures.listener(UNASSIGNED, "0.0.0.0", Exposure.ALL_INTERFACES);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    Correlator correlator;
    @Inject
    KnowledgeView knowledge;
    @Inject
    RuleEngine rules;
    @Inject
    FindingService findingService;
    @Inject
    FindingStore store;
    @Inject
    AssetIndex assets;
    @Inject
    BatchReconciler reconciler;
    @Inject
    ListenerPositions positions;
    @Inject
    AlertConfig config;

    private final PolledRecords polledRecords = new PolledRecords();

    /** A finding change as published, without the host (the runs differ by it). */
    private record Published(FindingChange.Kind kind, PortKey port, String rule, FindingState state, long version) {
    }

    /** A stored finding, without the host. */
    private record Stored(PortKey port, String rule, FindingState state, Instant firstSeen, Instant lastSeen, long seenCount,
            long version) {
    }

    @Test
    void snapshotsAfterTheOpenedThatAddedTheirListenerSettleInTheBatchAndChangeWhatTheUnoptimisedPathChanges() {
        try (AlertFlow flow = new AlertFlow(bootstrapServers)) {
            flow.knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
            Correlator unoptimised = new Correlator(knowledge, rules, findingService, store,
                    new NoChangeMemo(false, config.lastSeenResolution(), config.contract().maxListeners()), reconciler, assets, positions, config, new SimpleMeterRegistry());
            String run = "in-batch-" + System.nanoTime();
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String host = run + "-on";
            String reference = run + "-off";

            storeAll(correlator, List.of(snapshot(host, start, EXPOSED_UNASSIGNED)));
            storeAll(unoptimised, List.of(snapshot(reference, start, EXPOSED_UNASSIGNED)));
            JudgedBatch judged = correlator.judge(records(addedThenSnapshots(host, start)));
            List<FindingChange> made;
            try {
                assertThat(judged.observations()).as("events that go to the database").hasSize(1)
                        .allSatisfy(observation -> assertThat(observation.event().type()).isEqualTo(ListenerEventType.OPENED));
                made = correlator.store(judged);
            } finally {
                correlator.release(judged);
            }
            JudgedBatch all = unoptimised.judge(records(addedThenSnapshots(reference, start)));
            List<FindingChange> unoptimisedMade;
            try {
                assertThat(all.observations()).as("events the unoptimised path stores").hasSize(4);
                unoptimisedMade = unoptimised.store(all);
            } finally {
                unoptimised.release(all);
            }

            assertThat(published(made)).as("finding changes").isNotEmpty().containsExactlyElementsOf(published(unoptimisedMade))
                    .allSatisfy(change -> assertThat(change.kind()).isEqualTo(FindingChange.Kind.OPENED))
                    .contains(new Published(FindingChange.Kind.OPENED, AFP, LegacyServiceExposedRule.ID, FindingState.OPEN, 1));
            assertThat(stored(host)).as("findings").isNotEmpty().containsExactlyElementsOf(stored(reference));
            assertThat(historyRows(host)).as("history rows").isEqualTo(historyRows(reference));
            assertThat(changesPublished(host)).as("changes published").isEqualTo(changesPublished(reference));
            // What the batch left is now settled: the next SNAPSHOT of it skips the database.
            assertThat(judgedObservations(List.of(snapshot(host, start.plusSeconds(5), EXPOSED_UNASSIGNED, EXPOSED_AFP))))
                    .as("a later batch's SNAPSHOT").isZero();
        }
    }

    @Test
    void aBatchRolledBackLeavesTheMemoAsItWasAndStoredAgainChangesWhatItWould() {
        String run = "in-batch-rollback-" + System.nanoTime();
        String host = run + "-h";
        String refused = run + "-refused";
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (AlertFlow flow = new AlertFlow(bootstrapServers)) {
            flow.knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
            storeAll(correlator, List.of(snapshot(host, start, EXPOSED_UNASSIGNED)));
            List<ListenerEvent> events = new ArrayList<>(addedThenSnapshots(host, start));
            events.add(Fixtures.eventAt(start.plusSeconds(5), ListenerEventType.OPENED, refused, EXPOSED_AFP));
            JudgedBatch judged = correlator.judge(records(events));
            try {
                assertThat(judged.observations()).as("the OPENED of each host").hasSize(2);
                refuseFindingsOf(refused);
                try {
                    assertThatThrownBy(() -> correlator.store(judged)).as("the batch's transaction fails at its last host's finding")
                            .hasStackTraceContaining("refused by the test");
                } finally {
                    allowFindings();
                }
                List<Stored> beforeBatch = stored(host);
                assertThat(beforeBatch).as("findings after the rollback").noneMatch(finding -> finding.port().equals(AFP));
                // Nothing of the rolled-back batch is settled: a SNAPSHOT with the listener it added still goes to the database.
                assertThat(judgedObservations(List.of(snapshot(host, start.plusSeconds(6), EXPOSED_UNASSIGNED, EXPOSED_AFP))))
                        .as("a SNAPSHOT of what the rolled-back batch would have left").isEqualTo(1);

                List<FindingChange> made = correlator.store(judged); // tried again, as the consumer does
                // Each host's OPENED opens the same findings; the SNAPSHOTs settled on it add nothing.
                assertThat(published(made.stream().filter(change -> change.event().host().id().equals(host)).toList()))
                        .as("finding changes stored at the second attempt")
                        .contains(new Published(FindingChange.Kind.OPENED, AFP, LegacyServiceExposedRule.ID, FindingState.OPEN, 1))
                        .containsExactlyElementsOf(published(made.stream()
                                .filter(change -> change.event().host().id().equals(refused)).toList()));
            } finally {
                correlator.release(judged);
            }
            assertThat(judgedObservations(List.of(snapshot(host, start.plusSeconds(7), EXPOSED_UNASSIGNED, EXPOSED_AFP))))
                    .as("the SNAPSHOT once the batch is stored").isZero();
        }
    }

    @Test
    void aBatchWithEventsSettledInItConsumedAgainChangesNothing() {
        String run = "in-batch-replay-" + System.nanoTime();
        String host = run + "-h";
        // A partition the live consumer never reads: the positions stored here concern only this test's records.
        int partition = 1000 + (int) (System.nanoTime() % 100_000);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (AlertFlow flow = new AlertFlow(bootstrapServers)) {
            flow.knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
            List<ListenerEvent> first = List.of(snapshot(host, start, EXPOSED_UNASSIGNED));
            List<ListenerEvent> second = addedThenSnapshots(host, start);
            byte[][] firstBytes = first.stream().map(EventJson::toBytes).toArray(byte[][]::new);
            byte[][] secondBytes = second.stream().map(EventJson::toBytes).toArray(byte[][]::new);
            assertThat(storeRecords(polled(firstBytes, partition, 0))).as("changes of the first batch").isNotEmpty();
            JudgedBatch judged = correlator.judge(polled(secondBytes, partition, 1));
            try {
                assertThat(judged.observations()).as("events that go to the database").hasSize(1);
                assertThat(correlator.store(judged)).as("changes of the batch").isNotEmpty();
            } finally {
                correlator.release(judged);
            }
            List<Stored> before = stored(host);
            long history = historyRows(host);
            long published = changesPublished(host);

            assertThat(storeRecords(polled(secondBytes, partition, 1))).as("consumed again by this instance").isEmpty();
            correlator.forget(host); // a restart: neither listeners nor settled hosts held
            assertThat(storeRecords(polled(firstBytes, partition, 0))).as("consumed again after a restart, first batch").isEmpty();
            assertThat(storeRecords(polled(secondBytes, partition, 1))).as("second batch").isEmpty();

            assertThat(stored(host)).as("findings").isEqualTo(before);
            assertThat(historyRows(host)).as("history rows").isEqualTo(history);
            assertThat(changesPublished(host)).as("changes published").isEqualTo(published);
        }
    }

    /** The host's OPENED of the AFP listener, then three SNAPSHOTs of what it then has. */
    private static List<ListenerEvent> addedThenSnapshots(String host, Instant start) {
        return List.of(Fixtures.eventAt(start.plusSeconds(1), ListenerEventType.OPENED, host, EXPOSED_AFP),
                snapshot(host, start.plusSeconds(2), EXPOSED_UNASSIGNED, EXPOSED_AFP),
                snapshot(host, start.plusSeconds(3), EXPOSED_UNASSIGNED, EXPOSED_AFP),
                snapshot(host, start.plusSeconds(4), EXPOSED_UNASSIGNED, EXPOSED_AFP));
    }

    private static ListenerEvent snapshot(String host, Instant at, Listener... listeners) {
        return Fixtures.eventAt(at, ListenerEventType.SNAPSHOT, host, listeners);
    }

    private List<ListenerRecord> records(List<ListenerEvent> events) {
        return events.stream().map(polledRecords::of).toList();
    }

    /** The records as polled from a partition, from an offset on (timestamps as the records' own). */
    private List<ListenerRecord> polled(byte[][] values, int partition, long firstOffset) {
        List<ListenerRecord> records = new ArrayList<>();
        for (int index = 0; index < values.length; index++) {
            String key = EventJson.fromBytes(values[index], ListenerEvent.class).host().id();
            ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.LISTENERS, partition, firstOffset + index * 10L,
                    1_000L + index, TimestampType.CREATE_TIME, -1, values[index].length, key, values[index], new RecordHeaders(),
                    Optional.empty());
            records.add(polledRecords.of(key, values[index]).polledFrom(record));
        }
        return records;
    }

    private int judgedObservations(List<ListenerEvent> events) {
        JudgedBatch judged = correlator.judge(records(events));
        try {
            return judged.observations().size();
        } finally {
            correlator.release(judged);
        }
    }

    private List<FindingChange> storeRecords(List<ListenerRecord> records) {
        JudgedBatch judged = correlator.judge(records);
        try {
            return correlator.store(judged);
        } finally {
            correlator.release(judged);
        }
    }

    private List<FindingChange> storeAll(Correlator by, List<ListenerEvent> events) {
        JudgedBatch judged = by.judge(records(events));
        try {
            return by.store(judged);
        } finally {
            by.release(judged);
        }
    }

    private static List<Published> published(List<FindingChange> changes) {
        return changes.stream().map(change -> new Published(change.kind(), change.event().listener().portKey(), change.event().rule(),
                change.event().state(), change.event().version())).toList();
    }

    private static List<Stored> stored(String host) {
        return QuarkusTransaction.requiringNew().call(() -> FindingEntity.<FindingEntity>list(
                        "hostId = ?1 order by port, transport, rule", host).stream()
                .map(finding -> new Stored(finding.portKey(), finding.rule, finding.state, finding.firstSeen, finding.lastSeen,
                        finding.seenCount, finding.version))
                .toList());
    }

    private static long historyRows(String host) {
        return count("SELECT count(*) FROM finding_history h JOIN finding f ON f.finding_id = h.finding_id WHERE f.host_id = ?1", host);
    }

    /**
     * How many changes of the host's findings were published: every change is a version of its finding and one outbox
     * row (rows are deleted once acknowledged, so counting them would race the broker).
     */
    private static long changesPublished(String host) {
        return count("SELECT coalesce(sum(version), 0) FROM finding WHERE host_id = ?1", host);
    }

    private static long count(String sql, String host) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) FindingEntity.getEntityManager().createNativeQuery(sql)
                .setParameter(1, host).getSingleResult()).longValue());
    }

    /** PostgreSQL refuses findings of this host from now on (a trigger), until {@link #allowFindings}. */
    private static void refuseFindingsOf(String host) {
        execute("CREATE FUNCTION in_batch_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.host_id = '" + host + "' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$");
        execute("CREATE TRIGGER in_batch_test_refuse BEFORE INSERT OR UPDATE ON finding FOR EACH ROW EXECUTE FUNCTION in_batch_test_refuse()");
    }

    private static void allowFindings() {
        execute("DROP TRIGGER IF EXISTS in_batch_test_refuse ON finding");
        execute("DROP FUNCTION IF EXISTS in_batch_test_refuse()");
    }

    private static void execute(String sql) {
        QuarkusTransaction.requiringNew().run(() -> FindingEntity.getEntityManager().createNativeQuery(sql).executeUpdate());
    }
}
