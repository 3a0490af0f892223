package io.portwatch.alert.findings;

import io.portwatch.alert.database.SqlArrays;
import io.portwatch.events.json.EventJson;
import org.hibernate.Session;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Writes findings and their history set-based: every finding a transaction changed in one
 * {@code INSERT … ON CONFLICT DO UPDATE} over {@code unnest} arrays, every history row in one insert over
 * {@code unnest}; one round trip each however large the batch, and no entity for Hibernate to dirty-check.
 * The update leaves the columns a finding's id fixes (rule, host, transport, port, first seen) as they are, and
 * the indexed ones keep their values on a common change, so PostgreSQL can update the row in place (HOT, V10).
 * It sets {@code updated_at} itself ({@code clock_timestamp()}, the time of the write): the trigger that sets it for
 * every other writer then does not run for these rows (V15), which saves a PL/pgSQL call per row on an insert and
 * two on an update (the insert attempt, then the update).
 */
final class FindingRows {

    /** A column of the upsert: its name, its SQL type and how to read it from a finding. */
    private record Column(String name, String type, Function<FindingEntity, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("finding_id", "varchar", finding -> finding.findingId),
            new Column("rule", "varchar", finding -> finding.rule),
            new Column("host_id", "varchar", finding -> finding.hostId),
            new Column("transport", "varchar", finding -> finding.transport),
            new Column("port", "integer", finding -> finding.port),
            new Column("first_seen", "timestamptz", finding -> finding.firstSeen),
            new Column("severity", "varchar", finding -> finding.severity.name()),
            new Column("severity_rank", "smallint", finding -> finding.severity.ordinal()),
            new Column("state", "varchar", finding -> finding.state.name()),
            new Column("host", "jsonb", finding -> json(finding.host)),
            new Column("zone", "varchar", finding -> finding.zone),
            new Column("asset", "varchar", finding -> finding.asset),
            new Column("listener", "jsonb", finding -> json(finding.listener)),
            new Column("knowledge", "jsonb", finding -> json(finding.knowledge)),
            new Column("title", "text", finding -> finding.title),
            new Column("description", "text", finding -> finding.description),
            new Column("remediation", "text", finding -> finding.remediation),
            new Column("reference_urls", "jsonb", finding -> json(finding.references)),
            new Column("last_seen", "timestamptz", finding -> finding.lastSeen),
            new Column("probe_id", "varchar", finding -> finding.probeId),
            new Column("probe_mode", "varchar", finding -> finding.probeMode == null ? null : finding.probeMode.name()),
            new Column("stale_from", "varchar", finding -> finding.staleFrom == null ? null : finding.staleFrom.name()),
            new Column("seen_count", "bigint", finding -> finding.seenCount),
            new Column("version", "bigint", finding -> finding.version));
    /** The columns the update leaves alone: what a finding's id is made of, and when it was first seen. */
    private static final int FIXED = 6;

    private static final String UPSERT = upsertSql();
    private static final String HISTORY = "INSERT INTO finding_history (finding_id, version, state, severity, changed_at, reason)"
            + " SELECT * FROM unnest(?::text[]::varchar[], ?::text[]::bigint[], ?::text[]::varchar[], ?::text[]::varchar[],"
            + " ?::text[]::timestamptz[], ?::text[])";

    private FindingRows() {
    }

    /** Inserts or updates these findings, in id order (the order their rows were locked in). */
    static void upsert(Collection<FindingEntity> findings) {
        if (findings.isEmpty()) {
            return;
        }
        List<FindingEntity> rows = findings.stream().sorted(Comparator.comparing(finding -> finding.findingId)).toList();
        execute(UPSERT, (connection, statement) -> {
            for (int column = 0; column < COLUMNS.size(); column++) {
                SqlArrays.bindText(connection, statement, column + 1, rows.stream().map(COLUMNS.get(column).value()).toList());
            }
        });
    }

    /** Inserts the history rows of these changes, after the findings they belong to. */
    static void recordHistory(List<FindingChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        execute(HISTORY, (connection, statement) -> {
            SqlArrays.bindText(connection, statement, 1, changes.stream().map(change -> change.event().findingId()).toList());
            SqlArrays.bindText(connection, statement, 2, changes.stream().map(change -> change.event().version()).toList());
            SqlArrays.bindText(connection, statement, 3, changes.stream().map(change -> change.event().state().name()).toList());
            SqlArrays.bindText(connection, statement, 4, changes.stream().map(change -> change.event().severity().name()).toList());
            SqlArrays.bindText(connection, statement, 5, changes.stream().map(FindingChange::changedAt).toList());
            SqlArrays.bindText(connection, statement, 6, changes.stream().map(FindingChange::reason).toList());
        });
    }

    private interface Binder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    private static void execute(String sql, Binder binder) {
        FindingEntity.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(connection, statement);
                statement.executeUpdate();
            }
        });
    }

    private static String json(Object value) {
        return value == null ? null : new String(EventJson.toBytes(value), StandardCharsets.UTF_8);
    }

    private static String upsertSql() {
        StringBuilder sql = new StringBuilder("INSERT INTO finding (");
        sql.append(String.join(", ", COLUMNS.stream().map(Column::name).toList())).append(", updated_at) SELECT ");
        sql.append(String.join(", ", COLUMNS.stream().map(column -> column.name().equals("reference_urls")
                ? "coalesce(ARRAY(SELECT jsonb_array_elements_text(r.reference_urls)), '{}')" : "r." + column.name()).toList()));
        sql.append(", clock_timestamp() FROM unnest(");
        sql.append(String.join(", ", COLUMNS.stream().map(column -> "?::text[]::" + column.type() + "[]").toList()));
        sql.append(") AS r(").append(String.join(", ", COLUMNS.stream().map(Column::name).toList()));
        sql.append(") ON CONFLICT (finding_id) DO UPDATE SET ");
        sql.append(String.join(", ", COLUMNS.subList(FIXED, COLUMNS.size()).stream()
                .map(column -> column.name() + " = EXCLUDED." + column.name()).toList()));
        sql.append(", updated_at = EXCLUDED.updated_at");
        return sql.toString();
    }
}
