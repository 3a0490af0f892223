package io.portwatch.alert.findings;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.rules.Verdict;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.KnowledgeSummary;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.ProbeMode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hibernate.engine.spi.SelfDirtinessTracker;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored findings of a batch's hosts: every finding locked and counted, only the reconciled ports decoded. */
@QuarkusTest
class HostFindingsTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final PortKey EPPC = new PortKey(Transport.TCP, 3031);
    private static final Duration RESOLUTION = Duration.ofMinutes(5);

    @Inject
    FindingService findings;

    @Test
    void portsNotFetchedCountFromTheirRowsAndAreNotDecoded() {
        String host = "host-findings-1";
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        openOnAfpAndEppc(host, at);

        QuarkusTransaction.requiringNew().run(() -> {
            HostFindings stored = fetched(host, EPPC);

            assertThat(stored.on(host, EPPC)).extracting(finding -> finding.port).containsExactly(EPPC.port());
            assertThatThrownBy(() -> stored.on(host, AFP)).isInstanceOf(IllegalStateException.class);
            assertThat(stored.activePortsOf(host)).containsExactlyInAnyOrder(AFP, EPPC);
            assertThat(stored.lastSeenDue(host, Set.of(AFP, EPPC), RESOLUTION)).isEqualTo(Map.of(AFP, at.plus(RESOLUTION), EPPC, at.plusSeconds(60).plus(RESOLUTION)));
            assertThat(stored.lastSeenDue(host, Set.of(EPPC), RESOLUTION)).as("only the ports asked").containsOnlyKeys(EPPC);
        });
    }

    @Test
    void whatTheBatchChangesOnFetchedPortsCountsOverTheirRows() {
        String host = "host-findings-2";
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        openOnAfpAndEppc(host, at);

        QuarkusTransaction.requiringNew().run(() -> {
            HostFindings stored = fetched(host, AFP);
            findings.reconcile(seen(host), AFP, List.of(), at.plusSeconds(120), stored);

            assertThat(stored.activePortsOf(host)).as("the AFP finding was resolved in this batch").containsExactly(EPPC);
            assertThat(stored.lastSeenDue(host, Set.of(AFP, EPPC), RESOLUTION)).as("no active finding on AFP")
                    .isEqualTo(Map.of(EPPC, at.plusSeconds(60).plus(RESOLUTION)));
        });
    }

    @Test
    void aPortIsDueWhenTheFirstOfItsActiveFindingsIs() {
        String host = "host-findings-earliest";
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Three rules in the order of their findings' ids, the order rows are loaded in. The middle one's finding is
        // opened second and seen first: the earliest is neither the first nor the last of the port's, as loaded or as
        // opened in the batch.
        List<String> rules = Stream.of("rule-a", "rule-b", "rule-c")
                .sorted(Comparator.comparing(rule -> idOf(host, AFP, rule))).toList();
        QuarkusTransaction.requiringNew().run(() -> {
            HostFindings stored = fetched(host, AFP);
            findings.reconcile(seen(host), AFP, judgements(AFP, rules.subList(0, 1)), at.plusSeconds(40), stored);
            findings.reconcile(seen(host), AFP, judgements(AFP, rules.subList(0, 2)), at.plusSeconds(30), stored);
            findings.reconcile(seen(host), AFP, judgements(AFP, rules), at.plusSeconds(50), stored);
            assertThat(stored.lastSeenDue(host, Set.of(AFP), RESOLUTION)).as("as opened in the batch")
                    .isEqualTo(Map.of(AFP, at.plusSeconds(30).plus(RESOLUTION)));
            stored.write();
        });
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(HostFindings.load(List.of(host)).lastSeenDue(host, Set.of(AFP), RESOLUTION)).as("as loaded")
                    .isEqualTo(Map.of(AFP, at.plusSeconds(30).plus(RESOLUTION)));
            HostFindings stored = fetched(host, AFP);
            List<Judgement> firstResolved = judgements(AFP, List.of(rules.get(0), rules.get(2)));
            findings.reconcile(seen(host), AFP, firstResolved, at.plusSeconds(60), stored);
            assertThat(stored.lastSeenDue(host, Set.of(AFP), RESOLUTION)).as("as fetched, the one seen first resolved")
                    .isEqualTo(Map.of(AFP, at.plusSeconds(40).plus(RESOLUTION)));
            assertThat(stored.activePortsOf(host)).containsExactly(AFP);
        });
    }

    @Test
    void aHostWithoutFindingsHasNoActivePortsAndNothingDue() {
        QuarkusTransaction.requiringNew().run(() -> {
            HostFindings stored = fetched("host-findings-none", AFP);

            assertThat(stored.on("host-findings-none", AFP)).isEmpty();
            assertThat(stored.activePortsOf("host-findings-none")).isEmpty();
            assertThat(stored.lastSeenDue("host-findings-none", Set.of(AFP), RESOLUTION)).isEmpty();
        });
    }

    @Test
    void loadingLocksEveryFindingOfTheHostsUntilTheTransactionEnds() throws Exception {
        String host = "host-findings-3";
        open(host, AFP, Instant.now());
        CountDownLatch loaded = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            HostFindings.load(List.of(host));
            loaded.countDown();
            await(checked);
        }));
        try {
            await(loaded);
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> FindingEntity.getEntityManager()
                    .createNativeQuery("SELECT finding_id FROM finding WHERE host_id = ?1 FOR UPDATE NOWAIT")
                    .setParameter(1, host).getResultList()))
                    .as("another transaction cannot lock the host's findings")
                    .satisfies(failure -> assertThat(sqlState(failure)).isEqualTo("55P03"));
        } finally {
            checked.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void readsMoreHostsAndFindingsThanOneStatementCanBind() {
        String host = "host-findings-4";
        open(host, AFP, Instant.now());
        List<String> manyHosts = new ArrayList<>(IntStream.range(0, 40_000).mapToObj(i -> "absent-host-" + i).toList());
        manyHosts.add(host);
        List<String> manyIds = new ArrayList<>(IntStream.range(0, 40_000).mapToObj(i -> "absent-finding-" + i).toList());
        manyIds.add(idOf(host, AFP));

        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(FindingEntity.rowsOfHosts(manyHosts)).extracting(FindingEntity.Row::hostId).containsExactly(host);
            assertThat(FindingEntity.readOnlyWithIds(manyIds)).extracting(finding -> finding.hostId).containsExactly(host);
        });
    }

    @Test
    void aBatchWritesOnlyWhatItChangedAndUpdatesTheRowInPlace() {
        String host = "host-findings-hot";
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        openOnAfpAndEppc(host, at);

        QuarkusTransaction.requiringNew().run(() -> {
            HostFindings stored = HostFindings.load(List.of(host));
            stored.fetch(Map.of(host, Set.of(AFP, EPPC)));
            findings.reconcile(seen(host), AFP, List.of(), at.plusSeconds(120), stored);
            assertThat(findings.reconcile(seen(host), EPPC, List.of(judgement(EPPC)), at.plusSeconds(61), stored))
                    .as("EPPC seen again within the resolution: nothing to write").isEmpty();
            // Counted across the write (the backend's counters may still hold its earlier transactions' writes).
            long updates = findingCounter("pg_stat_get_xact_tuples_updated");
            long hotUpdates = findingCounter("pg_stat_get_xact_tuples_hot_updated");
            assertThat(stored.write()).as("its content as stored: by the state update").isEqualTo(new HostFindings.Written(0, 1));

            assertThat(findingCounter("pg_stat_get_xact_tuples_updated") - updates).as("only the resolved finding is written")
                    .isEqualTo(1);
            assertThat(findingCounter("pg_stat_get_xact_tuples_hot_updated") - hotUpdates).as("in place: no index holds what changed")
                    .isEqualTo(1);
        });
        FindingEntity resolved = storedFinding(idOf(host, AFP));
        assertThat(resolved.state).isEqualTo(FindingState.RESOLVED);
        assertThat(resolved.version).isEqualTo(2);
        assertThat(resolved.severityRank).isEqualTo(Severity.HIGH.ordinal());
        assertThat(resolved.lastSeen).isEqualTo(at);
        assertThat(resolved.listener.port()).isEqualTo(AFP.port());
    }

    @Test
    void aFindingSeenAgainIsWrittenByTheStateUpdateWithItsContentAsItWas() {
        String host = "host-findings-seen-again";
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = opened(host, EPPC, at);
        FindingEntity before = storedFinding(id);

        QuarkusTransaction.requiringNew().run(() -> {
            HostFindings stored = fetched(host, EPPC);
            assertThat(findings.reconcile(seen(host), EPPC, List.of(judgement(EPPC)), at.plus(RESOLUTION), stored))
                    .as("seen again a resolution later: its lastSeen is rewritten, no change").isEmpty();
            assertThat(stored.write()).isEqualTo(new HostFindings.Written(0, 1));
        });

        FindingEntity after = storedFinding(id);
        assertThat(after.lastSeen).isEqualTo(at.plus(RESOLUTION));
        assertThat(after.updatedAt).isAfter(before.updatedAt);
        assertThat(after).usingRecursiveComparison().ignoringFields("lastSeen", "updatedAt")
                .ignoringFieldsMatchingRegexes("\\$\\$_hibernate_.*").isEqualTo(before);
    }

    @Test
    void aFindingJudgedDifferentlyIsWrittenWholeAndALaterWriteComparesWithWhatItWrote() {
        String host = "host-findings-rejudged";
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = opened(host, AFP, at);

        QuarkusTransaction.requiringNew().run(() -> {
            HostFindings stored = fetched(host, AFP);
            assertThat(findings.reconcile(seen(host), AFP, List.of(judgement(AFP, "another title")), at.plusSeconds(1), stored))
                    .extracting(FindingChange::kind).containsExactly(FindingChange.Kind.UPDATED);
            assertThat(stored.write()).as("its title changed: written whole").isEqualTo(new HostFindings.Written(1, 0));
            assertThat(findings.reconcile(seen(host), AFP, List.of(judgement(AFP)), at.plusSeconds(2), stored))
                    .extracting(FindingChange::kind).containsExactly(FindingChange.Kind.UPDATED);
            assertThat(stored.write()).as("judged as first read, but not as last written: written whole again")
                    .isEqualTo(new HostFindings.Written(1, 0));
        });

        FindingEntity after = storedFinding(id);
        assertThat(after.title).isEqualTo("title");
        assertThat(after.version).isEqualTo(3);
    }

    @Test
    void aChangeToAnyContentColumnIsWrittenWhole() {
        String host = "host-findings-content";
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = opened(host, AFP, at);
        Map<String, Consumer<FindingEntity>> changes = new LinkedHashMap<>();
        changes.put("host", finding -> finding.host = new HostInfo(host, "renamed.test", List.of()));
        changes.put("zone", finding -> finding.zone = "zone-b");
        changes.put("asset", finding -> finding.asset = "asset-b");
        changes.put("listener", finding -> finding.listener = Fixtures.listener(AFP, "127.0.0.1", Exposure.LOOPBACK));
        changes.put("knowledge", finding -> finding.knowledge = KnowledgeSummary.of(Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.LOW)));
        changes.put("title", finding -> finding.title = "another title");
        changes.put("description", finding -> finding.description = "another description");
        changes.put("remediation", finding -> finding.remediation = "another remediation");
        changes.put("references, in place", finding -> finding.references.add("https://example.com/advisory"));
        changes.put("probe", finding -> finding.probeId = "p-content");
        changes.put("probe mode", finding -> finding.probeMode = ProbeMode.NETWORK);

        changes.forEach((column, change) -> {
            List<Object> written = QuarkusTransaction.requiringNew().call(() -> {
                HostFindings stored = fetched(host, AFP);
                FindingEntity finding = stored.on(host, AFP).get(0);
                change.accept(finding);
                stored.changed(finding);
                assertThat(stored.write()).as(column).isEqualTo(new HostFindings.Written(1, 0));
                return FindingRows.content(finding);
            });
            assertThat(QuarkusTransaction.requiringNew().call(() -> FindingRows.content(FindingEntity.readOnlyWithIds(List.of(id)).get(0))))
                    .as(column + " as written").isEqualTo(written);
        });
        QuarkusTransaction.requiringNew().run(() -> {   // resolved: re-evaluations of AFP in later tests leave it alone
            HostFindings stored = fetched(host, AFP);
            findings.reconcile(seen(host), AFP, List.of(), at.plusSeconds(1), stored);
            stored.write();
        });
    }

    @Test
    void aFindingOpenedInTheTransactionIsInsertedThenUpdatedByState() {
        String host = "host-findings-opened-twice";
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        QuarkusTransaction.requiringNew().run(() -> {
            HostFindings stored = fetched(host, AFP);
            assertThat(findings.reconcile(seen(host), AFP, List.of(judgement(AFP)), at, stored)).hasSize(1);
            assertThat(stored.write()).as("new: inserted").isEqualTo(new HostFindings.Written(1, 0));
            assertThat(findings.reconcile(seen(host), AFP, List.of(), at.plusSeconds(1), stored)).hasSize(1);
            assertThat(stored.write()).as("stored as it stands: its state updated").isEqualTo(new HostFindings.Written(0, 1));
        });
        FindingEntity finding = storedFinding(idOf(host, AFP));
        assertThat(finding.state).isEqualTo(FindingState.RESOLVED);
        assertThat(finding.version).isEqualTo(2);
    }

    @Test
    void aStateUpdateThatFindsTheFindingGoneFailsItsTransaction() {
        String host = "host-findings-gone";
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = opened(host, AFP, at);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            HostFindings stored = fetched(host, AFP);
            findings.reconcile(seen(host), AFP, List.of(), at.plusSeconds(1), stored);
            FindingEntity.getEntityManager().createNativeQuery("DELETE FROM finding WHERE finding_id = ?1")
                    .setParameter(1, id).executeUpdate();
            stored.write();
        })).hasStackTraceContaining("the state update found 0 of 1 stored findings");
        assertThat(storedFinding(id).state)
                .as("rolled back").isEqualTo(FindingState.OPEN);
    }

    @Test
    void aStaleFindingJudgedAgainReturnsToTheStateItHad() {
        String host = "host-findings-stale-1";
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = opened(host, AFP, at);
        QuarkusTransaction.requiringNew().run(() -> {
            FindingEntity finding = FindingEntity.findById(id);
            finding.state = FindingState.STALE;
            finding.staleFrom = FindingState.ACKNOWLEDGED;
        });

        QuarkusTransaction.requiringNew().run(() -> {
            HostFindings stored = fetched(host, AFP);
            assertThat(stored.activePortsOf(host)).as("a STALE finding is active").containsExactly(AFP);
            List<FindingChange> changes = findings.reconcile(seen(host), AFP, List.of(judgement(AFP)), at.plusSeconds(1), stored);

            assertThat(changes).extracting(FindingChange::kind).containsExactly(FindingChange.Kind.RESTORED);
            assertThat(changes.get(0).event().state()).isEqualTo(FindingState.ACKNOWLEDGED);
            stored.write();
        });
        assertThat(storedFinding(id).staleFrom).isNull();
    }

    @Test
    void aStaleFindingASnapshotNoLongerHasIsResolved() {
        String host = "host-findings-stale-2";
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = opened(host, AFP, at);
        QuarkusTransaction.requiringNew().run(() -> {
            FindingEntity finding = FindingEntity.findById(id);
            finding.state = FindingState.STALE;
            finding.staleFrom = FindingState.OPEN;
        });

        QuarkusTransaction.requiringNew().run(() -> {
            HostFindings stored = fetched(host, AFP);
            assertThat(findings.reconcile(seen(host), AFP, List.of(), at.plusSeconds(1), stored))
                    .extracting(change -> change.event().state()).containsExactly(FindingState.RESOLVED);
            stored.write();
        });
        assertThat(storedFinding(id).staleFrom).isNull();
    }

    @Test
    void aFleetFindingOnTheHostIsNoneOfItsPorts() {
        String host = "host-findings-fleet";
        open(host, AFP, Instant.now());
        QuarkusTransaction.requiringNew().run(() -> FindingEntity.getEntityManager().createNativeQuery(
                "INSERT INTO finding (finding_id, rule, host_id, severity, severity_rank, state, host, title, description, "
                        + "first_seen, last_seen, version) VALUES (?1, 'probe-silent', ?2, 'HIGH', 3, 'OPEN', "
                        + "jsonb_build_object('id', ?2), 't', 'd', now(), now(), 1)")
                .setParameter(1, FindingIds.ofProbe("p-fleet", "probe-silent")).setParameter(2, host).executeUpdate());

        QuarkusTransaction.requiringNew().run(() -> assertThat(fetched(host, AFP).activePortsOf(host)).containsExactly(AFP));
    }

    @Test
    void readsEveryColumnAsHibernateMapsIt() {
        String host = "host-findings-columns";
        open(host, AFP, Instant.now().truncatedTo(ChronoUnit.MICROS));
        String listenerFinding = idOf(host, AFP);
        String fleetFinding = FindingIds.ofProbe("p-columns", "probe-silent");
        QuarkusTransaction.requiringNew().run(() -> {
            FindingEntity finding = FindingEntity.findById(listenerFinding);
            finding.state = FindingState.STALE;
            finding.staleFrom = FindingState.ACKNOWLEDGED;
            finding.probeId = "p-columns";
            finding.probeMode = ProbeMode.HOST;
            finding.zone = "zone-a";
            finding.remediation = null;
            finding.references = new ArrayList<>(List.of("https://example.com/a", "https://example.com/b"));
            FindingEntity.getEntityManager().createNativeQuery("INSERT INTO finding (finding_id, rule, host_id, severity, "
                            + "severity_rank, state, host, title, description, first_seen, last_seen, version) VALUES (?1, "
                            + "'probe-silent', ?2, 'HIGH', 3, 'OPEN', jsonb_build_object('id', ?2), 't', 'd', now(), now(), 1)")
                    .setParameter(1, fleetFinding).setParameter(2, host).executeUpdate();
        });

        for (String id : List.of(listenerFinding, fleetFinding)) {
            FindingEntity byHibernate = storedFinding(id);
            List<FindingEntity> byJdbc = QuarkusTransaction.requiringNew().call(() -> FindingEntity.readOnlyWithIds(List.of(id)));

            assertThat(byJdbc).singleElement().usingRecursiveComparison().ignoringFieldsMatchingRegexes("\\$\\$_hibernate_.*")
                    .isEqualTo(byHibernate);
            assertThat(byJdbc.get(0).updatedAt).isNotNull();
        }
    }

    @Test
    void findingsReadOrOpenedForABatchTrackNoFieldWritesForHibernate() {
        String host = "host-findings-untracked";
        String id = opened(host, AFP, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        QuarkusTransaction.requiringNew().run(() -> {
            HostFindings stored = fetched(host, AFP);
            FindingEntity read = stored.on(host, AFP).get(0);
            read.lastSeen = read.lastSeen.plusSeconds(1);
            assertThat(trackedWrites(read)).as("read by JDBC, then changed").isEmpty();

            FindingEntity byHibernate = FindingEntity.findById(id);
            byHibernate.zone = "zone-tracked";
            assertThat(trackedWrites(byHibernate)).as("a managed finding still is").contains("zone");
            FindingEntity.getEntityManager().detach(byHibernate); // looked at only: never written
        });
        QuarkusTransaction.requiringNew().run(() -> {
            HostFindings stored = fetched(host, EPPC);
            assertThat(findings.reconcile(seen(host), EPPC, List.of(judgement(EPPC)), Instant.now(), stored)).hasSize(1);
            assertThat(stored.on(host, EPPC)).singleElement().satisfies(opened -> assertThat(trackedWrites(opened)).isEmpty());
        });
    }

    /** The fields of an entity that Hibernate's enhancement recorded as written. */
    private static List<String> trackedWrites(FindingEntity finding) {
        return List.of(((SelfDirtinessTracker) (Object) finding).$$_hibernate_getDirtyAttributes());
    }

    /** A host with an AFP finding last seen at {@code at} and an EPPC one a minute later. */
    private void openOnAfpAndEppc(String host, Instant at) {
        open(host, AFP, at);
        open(host, EPPC, at.plusSeconds(60));
    }

    private void open(String host, PortKey port, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> {
            HostFindings stored = fetched(host, port);
            assertThat(findings.reconcile(seen(host), port, List.of(judgement(port)), at, stored)).hasSize(1);
            stored.write();
        });
    }

    /** Opens the host's finding on a port, last seen at {@code at}; returns its id. */
    private String opened(String host, PortKey port, Instant at) {
        open(host, port, at);
        return idOf(host, port);
    }

    /** The id of the host's finding on a port (the rule every judgement here gives). */
    private static String idOf(String host, PortKey port) {
        return idOf(host, port, "legacy-service-exposed");
    }

    private static String idOf(String host, PortKey port, String rule) {
        return FindingIds.of(host, port, rule);
    }

    /** One judgement on the port per rule. */
    private static List<Judgement> judgements(PortKey port, List<String> rules) {
        return rules.stream().map(rule -> judgement(port, "title", rule)).toList();
    }

    /** The finding as stored now, read by Hibernate in a transaction of its own. */
    private static FindingEntity storedFinding(String id) {
        return QuarkusTransaction.requiringNew().call(() -> FindingEntity.findById(id));
    }

    private static Judgement judgement(PortKey port) {
        return judgement(port, "title");
    }

    private static Judgement judgement(PortKey port, String title) {
        return judgement(port, title, "legacy-service-exposed");
    }

    private static Judgement judgement(PortKey port, String title, String rule) {
        return new Judgement(new Verdict(rule, Severity.HIGH, title, "description"),
                Fixtures.listener(port, "0.0.0.0", Exposure.ALL_INTERFACES), Fixtures.knowledge(port, ServiceStatus.LEGACY, Risk.HIGH));
    }

    /** The host's findings as a batch reconciling one port holds them (in the caller's transaction). */
    private static HostFindings fetched(String host, PortKey port) {
        HostFindings stored = HostFindings.load(List.of(host));
        stored.fetch(Map.of(host, Set.of(port)));
        return stored;
    }

    /** A counter of the current transaction's writes to {@code finding}, e.g. {@code pg_stat_get_xact_tuples_updated}. */
    private static long findingCounter(String function) {
        return ((Number) FindingEntity.getEntityManager().createNativeQuery("SELECT " + function + "('finding'::regclass)")
                .getSingleResult()).longValue();
    }

    private static SeenHost seen(String host) {
        return new SeenHost(Fixtures.host(host), "test", null, host);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
