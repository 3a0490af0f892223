package io.portwatch.alert.findings;

import jakarta.persistence.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** The WHERE clause of a native findings query: conditions joined by AND, each value a bound parameter. */
final class SqlWhere {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    /** The conditions of a filter on table alias {@code f}. */
    static SqlWhere of(FindingFilter filter) {
        SqlWhere where = new SqlWhere();
        if (!filter.states().isEmpty()) {
            where.add("f.state IN (" + where.params(filter.states().stream().map(Enum::name).sorted().toList()) + ")");
        }
        if (!filter.severities().isEmpty()) {
            where.add("f.severity IN (" + where.params(filter.severities().stream().map(Enum::name).sorted().toList()) + ")");
        }
        where.equal("f.rule", filter.rule());
        where.equal("f.port", filter.port());
        where.equal("f.transport", filter.transport());
        where.equal("f.asset", filter.asset());
        where.equal("f.host_id", filter.host());
        where.equal("f.zone", filter.zone());
        if (filter.updatedSince() != null) {
            where.add("f.updated_at >= " + where.param(filter.updatedSince()));
        }
        if (filter.text() != null) {
            String like = where.param("%" + filter.text().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            where.add(List.of("f.title", "f.host_id", "f.asset", "f.rule", "f.knowledge ->> 'serviceName'",
                            "f.listener -> 'process' ->> 'name'", "f.listener -> 'process' ->> 'exe'").stream()
                    .map(column -> "lower(" + column + ") LIKE " + like + " ESCAPE '\\'")
                    .collect(Collectors.joining(" OR ", "(", ")")));
        }
        return where;
    }

    /** Adds a condition (already holding its parameters). */
    SqlWhere add(String condition) {
        conditions.add(condition);
        return this;
    }

    /** A parameter placeholder bound to {@code value}. */
    String param(Object value) {
        values.add(value);
        return "?" + values.size();
    }

    /** Placeholders for each value, comma-separated. */
    String params(Collection<?> each) {
        return each.stream().map(this::param).collect(Collectors.joining(", "));
    }

    private void equal(String column, Object value) {
        if (value != null) {
            add(column + " = " + param(value));
        }
    }

    /** {@code WHERE ...}, or nothing when there are no conditions. */
    String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the parameters to a query made from {@link #sql()}. */
    <Q extends Query> Q bind(Q query) {
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query;
    }
}
