package io.portwatch.alert.findings;

import io.portwatch.alert.database.SqlArrays;
import io.portwatch.events.json.EventJson;
import org.hibernate.Session;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes findings and their history set-based: every new finding, and every finding whose content changed, in one
 * {@code INSERT … ON CONFLICT DO UPDATE} over {@code unnest} arrays; every other changed finding (its state, severity,
 * {@code lastSeen}, counts and version moved, its content as read or last written) in one {@code UPDATE … FROM unnest}
 * of only those columns; every history row in one insert over {@code unnest}. One round trip each however large the
 * batch, and no entity for Hibernate to dirty-check. Neither changes the columns a finding's id fixes (rule, host,
 * transport, port) or its first seen, and the indexed ones keep their values on a common change, so PostgreSQL can
 * update the row in place (HOT, V10). The state update sends none of the content: on the common change PostgreSQL
 * neither receives nor parses the finding's four JSON documents and its texts again (for rows that exist, the state
 * update took about 40% less time than the upsert: alert-service/DESIGN.md, "Why the state update"). Stored JSON is therefore
 * rewritten in this version's form only when the content changes. Both set {@code updated_at} themselves
 * ({@code clock_timestamp()}, the time of the write): the trigger that sets it for every other writer then does not
 * run for these rows (V15), which saves a PL/pgSQL call per row on an insert and two on an update (the insert
 * attempt, then the update).
 */
final class FindingRows {

    /**
     * What a column holds: what never changes once the finding is stored (what its id is made of, and when it was
     * first seen), its content, or its state.
     */
    private enum Part { FIXED, CONTENT, STATE }

    /**
     * A column of {@code finding}: its name, its SQL type, what it holds and how to read it from a finding. Bound as an
     * array its SQL type receives: whole numbers and instants in binary ({@link SqlArrays}), the others as text.
     */
    private record Column(String name, String type, Part part, Function<FindingEntity, Object> value) {

        private static final Set<String> WHOLE_NUMBERS = Set.of("smallint", "integer", "bigint");
        private static final String INSTANT = "timestamptz";

        /** The {@code unnest} argument its values are bound to. */
        String parameter() {
            return type.equals(INSTANT) ? "?::int8[]"
                    : WHOLE_NUMBERS.contains(type) ? "?::int8[]::" + type + "[]"
                    : "?::text[]::" + type + "[]";
        }

        /** Its value in the {@code unnest} row {@code row}, as its SQL type. */
        String read(String row) {
            return type.equals(INSTANT) ? SqlArrays.timestamptz(row + "." + name) : row + "." + name;
        }

        /** Binds its values of these findings as parameter {@code index}. */
        void bind(Connection connection, PreparedStatement statement, int index, List<FindingEntity> rows) throws SQLException {
            if (type.equals(INSTANT)) {
                SqlArrays.bindInstants(connection, statement, index, rows, row -> (Instant) value.apply(row));
            } else if (WHOLE_NUMBERS.contains(type)) {
                SqlArrays.bindLongs(connection, statement, index, rows, row -> (Number) value.apply(row));
            } else {
                SqlArrays.bindText(connection, statement, index, rows, this::bound);
            }
        }

        /** The value as bound in text: JSON columns as their JSON text. */
        private Object bound(FindingEntity finding) {
            Object value = value().apply(finding);
            return value == null || !type.equals("jsonb") ? value : new String(EventJson.toBytes(value), StandardCharsets.UTF_8);
        }
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("finding_id", "varchar", Part.FIXED, finding -> finding.findingId),
            new Column("rule", "varchar", Part.FIXED, finding -> finding.rule),
            new Column("host_id", "varchar", Part.FIXED, finding -> finding.hostId),
            new Column("transport", "varchar", Part.FIXED, finding -> finding.transport),
            new Column("port", "integer", Part.FIXED, finding -> finding.port),
            new Column("first_seen", "timestamptz", Part.FIXED, finding -> finding.firstSeen),
            new Column("severity", "varchar", Part.STATE, finding -> finding.severity.name()),
            new Column("severity_rank", "smallint", Part.STATE, finding -> finding.severity.ordinal()),
            new Column("state", "varchar", Part.STATE, finding -> finding.state.name()),
            new Column("host", "jsonb", Part.CONTENT, finding -> finding.host),
            new Column("zone", "varchar", Part.CONTENT, finding -> finding.zone),
            new Column("asset", "varchar", Part.CONTENT, finding -> finding.asset),
            new Column("listener", "jsonb", Part.CONTENT, finding -> finding.listener),
            new Column("knowledge", "jsonb", Part.CONTENT, finding -> finding.knowledge),
            new Column("title", "text", Part.CONTENT, finding -> finding.title),
            new Column("description", "text", Part.CONTENT, finding -> finding.description),
            new Column("remediation", "text", Part.CONTENT, finding -> finding.remediation),
            // A copy: what HostFindings keeps of a finding must not change with the entity's list.
            new Column("reference_urls", "jsonb", Part.CONTENT,
                    finding -> finding.references == null ? null : Collections.unmodifiableList(new ArrayList<>(finding.references))),
            new Column("last_seen", "timestamptz", Part.STATE, finding -> finding.lastSeen),
            new Column("probe_id", "varchar", Part.CONTENT, finding -> finding.probeId),
            new Column("probe_mode", "varchar", Part.CONTENT, finding -> finding.probeMode == null ? null : finding.probeMode.name()),
            new Column("stale_from", "varchar", Part.STATE, finding -> finding.staleFrom == null ? null : finding.staleFrom.name()),
            new Column("seen_count", "bigint", Part.STATE, finding -> finding.seenCount),
            new Column("version", "bigint", Part.STATE, finding -> finding.version));
    /** What the state update writes: the id, then the state columns. */
    private static final List<Column> STATE_COLUMNS = COLUMNS.stream()
            .filter(column -> column.name().equals("finding_id") || column.part() == Part.STATE).toList();
    private static final List<Column> CONTENT_COLUMNS = COLUMNS.stream().filter(column -> column.part() == Part.CONTENT).toList();

    private static final String UPSERT = upsertSql();
    private static final String STATE_UPDATE = stateUpdateSql();
    private static final String HISTORY = "INSERT INTO finding_history (finding_id, version, state, severity, changed_at, reason)"
            + " SELECT r.finding_id, r.version, r.state, r.severity, " + SqlArrays.timestamptz("r.changed_at") + ", r.reason"
            + " FROM unnest(?::text[]::varchar[], ?::int8[], ?::text[]::varchar[], ?::text[]::varchar[], ?::int8[], ?::text[])"
            + " AS r(finding_id, version, state, severity, changed_at, reason)";

    private FindingRows() {
    }

    /**
     * A finding's content: the values of every column but its id and state columns, as the finding holds them (JSON
     * columns as records, compared by equals). A finding whose content is as stored needs only the state update.
     */
    static List<Object> content(FindingEntity finding) {
        Object[] content = new Object[CONTENT_COLUMNS.size()];
        for (int column = 0; column < content.length; column++) {
            content[column] = CONTENT_COLUMNS.get(column).value().apply(finding);
        }
        return Arrays.asList(content);
    }

    /** Inserts or updates these findings, in id order (the order their rows were locked in). */
    static void upsert(Collection<FindingEntity> findings) {
        write(UPSERT, COLUMNS, findings);
    }

    /**
     * Updates the state columns of these stored findings, in id order, leaving their content as it is.
     *
     * @throws IllegalStateException when one of them is not stored: never, findings are never deleted and a batch's are
     *                               locked (were it to happen, the batch would be split as for a poison record)
     */
    static void updateState(Collection<FindingEntity> findings) {
        int updated = write(STATE_UPDATE, STATE_COLUMNS, findings);
        if (updated != findings.size()) {
            throw new IllegalStateException("the state update found " + updated + " of " + findings.size() + " stored findings");
        }
    }

    private static int write(String sql, List<Column> columns, Collection<FindingEntity> findings) {
        if (findings.isEmpty()) {
            return 0;
        }
        List<FindingEntity> rows = new ArrayList<>(findings);
        rows.sort(Comparator.comparing(finding -> finding.findingId));
        return execute(sql, (connection, statement) -> {
            for (int column = 0; column < columns.size(); column++) {
                columns.get(column).bind(connection, statement, column + 1, rows);
            }
        });
    }

    /** Inserts the history rows of these changes, after the findings they belong to. */
    static void recordHistory(List<FindingChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        execute(HISTORY, (connection, statement) -> {
            SqlArrays.bindText(connection, statement, 1, changes, change -> change.event().findingId());
            SqlArrays.bindLongs(connection, statement, 2, changes, change -> change.event().version());
            SqlArrays.bindText(connection, statement, 3, changes, change -> change.event().state().name());
            SqlArrays.bindText(connection, statement, 4, changes, change -> change.event().severity().name());
            SqlArrays.bindInstants(connection, statement, 5, changes, FindingChange::changedAt);
            SqlArrays.bindText(connection, statement, 6, changes, FindingChange::reason);
        });
    }

    private interface Binder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    /** Runs a write; returns how many rows it wrote. */
    private static int execute(String sql, Binder binder) {
        return FindingEntity.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(connection, statement);
                return statement.executeUpdate();
            }
        });
    }

    private static String upsertSql() {
        StringBuilder sql = new StringBuilder("INSERT INTO finding (");
        sql.append(String.join(", ", COLUMNS.stream().map(Column::name).toList())).append(", updated_at) SELECT ");
        sql.append(String.join(", ", COLUMNS.stream().map(column -> column.name().equals("reference_urls")
                ? "coalesce(ARRAY(SELECT jsonb_array_elements_text(r.reference_urls)), '{}')" : column.read("r")).toList()));
        sql.append(", clock_timestamp() FROM unnest(");
        sql.append(String.join(", ", COLUMNS.stream().map(Column::parameter).toList()));
        sql.append(") AS r(").append(String.join(", ", COLUMNS.stream().map(Column::name).toList()));
        sql.append(") ON CONFLICT (finding_id) DO UPDATE SET ");
        sql.append(String.join(", ", COLUMNS.stream().filter(column -> column.part() != Part.FIXED)
                .map(column -> column.name() + " = EXCLUDED." + column.name()).toList()));
        sql.append(", updated_at = EXCLUDED.updated_at");
        return sql.toString();
    }

    private static String stateUpdateSql() {
        List<Column> set = STATE_COLUMNS.subList(1, STATE_COLUMNS.size());
        return "UPDATE finding f SET "
                + String.join(", ", set.stream().map(column -> column.name() + " = " + column.read("r")).toList())
                + ", updated_at = clock_timestamp() FROM unnest("
                + String.join(", ", STATE_COLUMNS.stream().map(Column::parameter).toList())
                + ") AS r(" + String.join(", ", STATE_COLUMNS.stream().map(Column::name).toList()) + ") WHERE f.finding_id = r.finding_id";
    }
}
