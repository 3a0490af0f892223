package io.portwatch.alert.findings;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.rules.Verdict;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code finding_history} has no foreign key to {@code finding} (V14): the service keeps what the key guarded. A finding's
 * history rows are written in the transaction that writes the finding (correlation's upsert, or an analyst's change),
 * one per version, and no history row is without its finding.
 */
@QuarkusTest
class HistoryHasItsFindingTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);

    @Inject
    FindingService findings;
    @Inject
    FindingStore store;
    @Inject
    FindingLifecycle lifecycle;

    @Test
    void everyVersionOfAFindingHasItsHistoryRowAndNoHistoryRowLacksItsFinding() {
        String host = "history-has-finding-" + Instant.now().toEpochMilli();
        String id = FindingIds.of(host, AFP, "legacy-service-exposed");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        reconcile(host, List.of(judgement()), at);                               // opened: version 1
        lifecycle.transition(id, FindingState.RESOLVED, "fixed", "analyst");     // through the entity: version 2
        reconcile(host, List.of(judgement()), at.plusSeconds(1));                // back: reopened, version 3
        reconcile(host, List.of(), at.plusSeconds(2));                           // gone: resolved, version 4

        long version = QuarkusTransaction.requiringNew().call(() -> FindingEntity.<FindingEntity>findById(id).version);
        assertThat(version).isEqualTo(4);
        assertThat(QuarkusTransaction.requiringNew().call(() -> FindingEntity.getEntityManager()
                .createNativeQuery("SELECT version FROM finding_history WHERE finding_id = ?1 ORDER BY version")
                .setParameter(1, id).getResultList()))
                .as("one history row per version").extracting(row -> ((Number) row).longValue()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) FindingEntity.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM finding_history h WHERE NOT EXISTS"
                        + " (SELECT 1 FROM finding f WHERE f.finding_id = h.finding_id)")
                .getSingleResult()).longValue()))
                .as("history rows without their finding, in the whole database").isZero();
    }

    @Test
    void aChangeSetThatFailsLeavesNeitherTheFindingNorItsHistory() {
        String host = "history-rolled-back-" + Instant.now().toEpochMilli();
        String id = FindingIds.of(host, AFP, "legacy-service-exposed");

        assertThatThrownBy(() -> store.applyCorrelated(() -> {
            HostFindings stored = fetched(host);
            List<FindingChange> changes = findings.reconcile(seen(host), AFP, List.of(judgement()), Instant.now(), stored);
            stored.write();
            FindingRows.recordHistory(changes);
            throw new IllegalStateException("the batch fails after its rows were written");
        })).isInstanceOf(RuntimeException.class);

        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) FindingEntity.getEntityManager()
                .createNativeQuery("SELECT (SELECT count(*) FROM finding WHERE finding_id = ?1)"
                        + " + (SELECT count(*) FROM finding_history WHERE finding_id = ?1)")
                .setParameter(1, id).getSingleResult()).longValue())).isZero();
    }

    /** Correlation's way: the host's findings loaded and locked, the port reconciled, the finding upserted, then its history. */
    private void reconcile(String host, List<Judgement> judgements, Instant at) {
        assertThat(store.applyCorrelated(() -> {
            HostFindings stored = fetched(host);
            List<FindingChange> changes = findings.reconcile(seen(host), AFP, judgements, at, stored);
            stored.write();
            return changes;
        })).hasSize(1);
    }

    private static HostFindings fetched(String host) {
        HostFindings stored = HostFindings.load(List.of(host));
        stored.fetch(Map.of(host, Set.of(AFP)));
        return stored;
    }

    private static Judgement judgement() {
        return new Judgement(new Verdict("legacy-service-exposed", Severity.HIGH, "title", "description"),
                Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES), Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
    }

    private static SeenHost seen(String host) {
        return new SeenHost(Fixtures.host(host), "test", null, host);
    }
}
