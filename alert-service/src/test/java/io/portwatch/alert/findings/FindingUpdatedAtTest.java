package io.portwatch.alert.findings;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.Sql;
import io.portwatch.alert.rules.Verdict;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code updated_at} moves on every write of a finding (the findings API's {@code updatedSince} and {@code sort=updated}
 * cursor read it), whoever writes: correlation's upsert and state update set it themselves, and V15's trigger sets it for every writer that
 * leaves it alone (Hibernate, plain updates, an instance of an earlier version). The migration is also run on a
 * database that holds findings, in a schema of its own.
 */
@QuarkusTest
class FindingUpdatedAtTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final String SCHEMA = "finding_updated_at_upgrade";

    @Inject
    FindingService findings;
    @Inject
    FindingStore store;
    @Inject
    FindingLifecycle lifecycle;
    @Inject
    Sql sql;

    @AfterEach
    void dropSchema() throws SQLException {
        sql.drop(SCHEMA);
    }

    @Test
    void correlationAnAnalystAndAPlainUpdateEachMoveUpdatedAt() throws SQLException {
        String host = "updated-at-" + Instant.now().toEpochMilli();
        String id = FindingIds.of(host, AFP, "legacy-service-exposed");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        Instant before = databaseNow();
        reconcile(host, List.of(judgement()), at);                                  // inserted by the upsert
        Instant opened = updatedAt("finding", id);
        assertThat(opened).as("set by the upsert's insert").isAfter(before);

        reconcile(host, List.of(judgement()), at.plusSeconds(7_200));               // only lastSeen moves on
        Instant seen = updatedAt("finding", id);
        assertThat(seen).as("moved by the state update").isAfter(opened);

        lifecycle.transition(id, FindingState.ACKNOWLEDGED, "known", "analyst");   // an analyst's action
        Instant acknowledged = updatedAt("finding", id);
        assertThat(acknowledged).as("moved by an analyst's change").isAfter(seen);

        sql.execute("UPDATE finding SET asset = 'asset-of-" + host + "' WHERE finding_id = '" + id + "'"); // as AssetIndex does
        assertThat(updatedAt("finding", id)).as("moved by an update that leaves updated_at alone").isAfter(acknowledged);
    }

    @Test
    void onADatabaseHoldingFindingsTheMigrationKeepsThemAndEveryWriterStillMovesUpdatedAt() throws SQLException {
        Flyway ofSchema = sql.upgrade(SCHEMA, "14");
        sql.execute(insert("kept", "") + " RETURNING updated_at");
        Instant kept = updatedAt(SCHEMA + ".finding", "kept");

        ofSchema.migrate();

        assertThat(updatedAt(SCHEMA + ".finding", "kept")).as("rows already there keep theirs").isEqualTo(kept);
        sql.execute(insert("hibernate", ""));                                           // an insert without it
        assertThat(updatedAt(SCHEMA + ".finding", "hibernate")).isAfter(kept);
        Instant given = OffsetDateTime.parse("2026-01-02T03:04:05.123456Z").toInstant();
        sql.execute(insert("upserted", ", '" + given + "'"));                            // the upsert's way: its own
        assertThat(updatedAt(SCHEMA + ".finding", "upserted")).as("the writer's own time").isEqualTo(given);

        Instant beforeUpdate = databaseNow();
        sql.execute(insert("kept", "") + " ON CONFLICT (finding_id) DO UPDATE SET last_seen = EXCLUDED.last_seen"); // an older upsert
        assertThat(updatedAt(SCHEMA + ".finding", "kept")).as("an upsert without it").isAfter(beforeUpdate);
        sql.execute(insert("upserted", ", clock_timestamp()")
                + " ON CONFLICT (finding_id) DO UPDATE SET last_seen = EXCLUDED.last_seen, updated_at = EXCLUDED.updated_at");
        assertThat(updatedAt(SCHEMA + ".finding", "upserted")).as("this version's upsert").isAfter(beforeUpdate);
        Instant beforePlain = databaseNow();
        sql.execute("UPDATE " + SCHEMA + ".finding SET state = 'RESOLVED' WHERE finding_id = 'hibernate'");
        assertThat(updatedAt(SCHEMA + ".finding", "hibernate")).as("an update without it").isAfter(beforePlain);
        sql.execute("UPDATE " + SCHEMA + ".finding SET state = 'OPEN', updated_at = updated_at WHERE finding_id = 'hibernate'");
        assertThat(updatedAt(SCHEMA + ".finding", "hibernate")).as("an update that keeps it").isAfter(beforePlain);
    }

    /** An insert of a finding into the schema's table, with {@code updatedAt} (", value") as its last column or without. */
    private static String insert(String id, String updatedAt) {
        return "INSERT INTO " + SCHEMA + ".finding (finding_id, rule, host_id, severity, severity_rank, state, host, title,"
                + " description, first_seen, last_seen, version" + (updatedAt.isEmpty() ? "" : ", updated_at") + ") VALUES ('"
                + id + "', 'rule', 'host', 'HIGH', 3, 'OPEN', '{}', 'title', 'description', now(), clock_timestamp(), 1"
                + updatedAt + ")";
    }

    /** Correlation's way: the host's findings loaded and locked, the port reconciled, the finding written. */
    private void reconcile(String host, List<Judgement> judgements, Instant at) {
        store.applyCorrelated(() -> {
            HostFindings stored = HostFindings.load(List.of(host));
            stored.fetch(Map.of(host, Set.of(AFP)));
            List<FindingChange> changes = findings.reconcile(seen(host), AFP, judgements, at, stored);
            stored.write();
            return changes;
        });
    }

    private Instant updatedAt(String table, String id) throws SQLException {
        return sql.instant("SELECT updated_at FROM " + table + " WHERE finding_id = '" + id + "'");
    }

    private Instant databaseNow() throws SQLException {
        return sql.instant("SELECT clock_timestamp()");
    }

    private static Judgement judgement() {
        return new Judgement(new Verdict("legacy-service-exposed", Severity.HIGH, "title", "description"),
                Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES), Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
    }

    private static SeenHost seen(String host) {
        return new SeenHost(Fixtures.host(host), "test", null, host);
    }
}
