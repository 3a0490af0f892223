package io.portwatch.alert.listeners;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.FindingChange;
import io.portwatch.alert.findings.FindingEntity;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.portwatch.alert.StoredFindings.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch consumed again changes nothing: records the live consumer correlated and stored are read back from
 * {@code portwatch.listeners} with their offsets and correlated once more, as after a crash between the store's
 * commit and the commit of the consumer's offsets, with what the instance held forgotten as after a restart.
 * Hosts whose listener closed and reopened within the stream are the case that would change: judged again from
 * the start, their findings would be reopened and resolved over again.
 */
@QuarkusTest
class ReplayedBatchTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Correlator correlator;

    private final PolledRecords polledRecords = new PolledRecords();
    private final Listener exposed = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);

    @Test
    void aStoredBatchConsumedAgainChangesNoFindingAndWritesNoHistoryAndNoOutboxRow() {
        String run = "replay-" + System.nanoTime();
        String closed = run + "-closed";
        String reopened = run + "-reopened";
        String opened = run + "-opened";
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (AlertFlow flow = new AlertFlow(bootstrapServers)) {
            flow.knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
            flow.publish(Fixtures.eventAt(start, ListenerEventType.OPENED, closed, exposed));
            flow.publish(Fixtures.eventAt(start.plusSeconds(1), ListenerEventType.CLOSED, closed, exposed));
            flow.publish(Fixtures.eventAt(start, ListenerEventType.SNAPSHOT, reopened, exposed));
            flow.publish(Fixtures.eventAt(start.plusSeconds(1), ListenerEventType.CLOSED, reopened, exposed));
            flow.publish(Fixtures.eventAt(start.plusSeconds(2), ListenerEventType.OPENED, reopened, exposed));
            flow.publish(Fixtures.eventAt(start, ListenerEventType.OPENED, opened, exposed));
            Map<String, String> findingIds = Set.of(closed, reopened, opened).stream()
                    .collect(Collectors.toMap(Function.identity(), host -> FindingIds.of(host, AFP, "legacy-service-exposed")));
            await().atMost(DEADLINE).until(() -> hasState(findingIds.get(closed), FindingState.RESOLVED, 2)
                    && hasState(findingIds.get(reopened), FindingState.OPEN, 3) && hasState(findingIds.get(opened), FindingState.OPEN, 1));
            Map<String, Stored> before = findingIds.values().stream().collect(Collectors.toMap(Function.identity(), Stored::of));
            long historyBefore = historyRows(findingIds.values());
            Instant replayed = Instant.now();

            List<ListenerRecord> batch = consumedAgain(Set.of(closed, reopened, opened));
            assertThat(batch).as("the six records, read back").hasSize(6);
            findingIds.keySet().forEach(correlator::forget); // a restart: neither listeners nor settled hosts held
            JudgedBatch judged = correlator.judge(batch);
            List<FindingChange> changes;
            try {
                changes = correlator.store(judged);
            } finally {
                correlator.release(judged);
            }

            assertThat(changes).as("finding changes").isEmpty();
            assertThat(historyRows(findingIds.values())).as("history rows").isEqualTo(historyBefore);
            assertThat(outboxRowsSince(findingIds.values(), replayed)).as("outbox rows").isZero();
            findingIds.values().forEach(id -> assertThat(Stored.of(id)).as(id).isEqualTo(before.get(id)));

            // A record consumed for the first time after the replay is still stored.
            flow.publish(Fixtures.eventAt(start.plusSeconds(3), ListenerEventType.CLOSED, opened, exposed));
            await().atMost(DEADLINE).until(() -> hasState(findingIds.get(opened), FindingState.RESOLVED, 2));
        }
    }

    /** A stored finding as published, with what only the row says: when it was last written, how often it was raised. */
    private record Stored(FindingEvent event, Instant updatedAt, long seenCount) {

        static Stored of(String findingId) {
            FindingEntity finding = stored(findingId);
            return new Stored(finding.toEvent(), finding.updatedAt, finding.seenCount);
        }
    }

    /** The records of these hosts on the listener topic, as the consumer polls them: with partition and offset. */
    private List<ListenerRecord> consumedAgain(Set<String> hostIds) {
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.LISTENERS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readToEnd(DEADLINE);
            return records.stream().filter(record -> hostIds.contains(record.key()))
                    .map(record -> polledRecords.of(record.key(), record.value()).polledFrom(record))
                    .toList();
        }
    }

    private static boolean hasState(String findingId, FindingState state, long version) {
        FindingEntity finding = stored(findingId);
        return finding != null && finding.state == state && finding.version == version;
    }

    private static long historyRows(Iterable<String> findingIds) {
        return count("SELECT count(*) FROM finding_history WHERE finding_id = ANY(string_to_array(?1, ','))", String.join(",", findingIds), null);
    }

    private static long outboxRowsSince(Iterable<String> findingIds, Instant since) {
        return count("SELECT count(*) FROM alert_outbox WHERE record_key = ANY(string_to_array(?1, ',')) AND created_at >= ?2",
                String.join(",", findingIds), since);
    }

    private static long count(String sql, String ids, Instant since) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = FindingEntity.getEntityManager().createNativeQuery(sql).setParameter(1, ids);
            if (since != null) {
                query.setParameter(2, since);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }
}
