package io.portwatch.alert.findings;

import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Aggregates of the findings and their history for the overview, each one grouped query in PostgreSQL. */
@ApplicationScoped
public class FindingStatistics {

    /** The states an overview counts as open: still to be looked at or acted on. */
    public static final List<FindingState> OPEN_STATES = List.of(FindingState.OPEN, FindingState.ACKNOWLEDGED, FindingState.STALE);

    private static final String OPEN_SQL = OPEN_STATES.stream().map(state -> "'" + state.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    /** The overview now, with a timeline of the last {@code days} days (hourly for one day, daily beyond). */
    public FindingOverview overview(int days, int topServices, Instant now) {
        // topServices is the caller's constant, never client input: it is written into the SQL.
        ChronoUnit unit = days == 1 ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        Instant end = now.truncatedTo(unit);
        Instant since = end.minus(Duration.of(unit == ChronoUnit.HOURS ? 23 : days - 1L, unit));
        return QuarkusTransaction.requiringNew().call(() -> {
            EntityManager db = Panache.getEntityManager();
            Map<Severity, Long> bySeverity = new LinkedHashMap<>();
            for (int i = Severity.values().length - 1; i >= 0; i--) {
                bySeverity.put(Severity.values()[i], 0L);
            }
            rows(db, "SELECT f.severity, count(*) FROM finding f WHERE f.state IN " + OPEN_SQL + " GROUP BY f.severity")
                    .forEach(row -> bySeverity.put(Severity.valueOf((String) row[0]), number(row[1])));
            Map<FindingState, Long> byState = new EnumMap<>(FindingState.class);
            Arrays.stream(FindingState.values()).forEach(state -> byState.put(state, 0L));
            rows(db, "SELECT f.state, count(*) FROM finding f GROUP BY f.state")
                    .forEach(row -> byState.put(FindingState.valueOf((String) row[0]), number(row[1])));
            List<FindingOverview.RuleCount> byRule = rows(db, "SELECT f.rule, count(*) AS n FROM finding f WHERE f.state IN "
                    + OPEN_SQL + " GROUP BY f.rule ORDER BY n DESC, f.rule").stream()
                    .map(row -> new FindingOverview.RuleCount((String) row[0], number(row[1]))).toList();
            List<FindingOverview.ServiceCount> services = rows(db, "SELECT f.transport, f.port,"
                            + " max(f.knowledge ->> 'serviceName'), count(*) AS n FROM finding f WHERE f.state IN " + OPEN_SQL
                            + " AND f.transport IS NOT NULL GROUP BY f.transport, f.port ORDER BY n DESC, f.port, f.transport"
                            + " LIMIT " + topServices).stream()
                    .map(row -> new FindingOverview.ServiceCount((String) row[0], (int) number(row[1]), (String) row[2], number(row[3])))
                    .toList();
            return new FindingOverview(OPEN_STATES, bySeverity, byRule, byState, services,
                    unit == ChronoUnit.HOURS ? "hour" : "day", timeline(db, unit, since, end));
        });
    }

    /**
     * Findings opened and resolved per bucket, from the history: a version that is OPEN (or RESOLVED) where the one
     * before it was not, so the many versions a finding makes while it stays open count once.
     */
    private static List<FindingOverview.Bucket> timeline(EntityManager db, ChronoUnit unit, Instant since, Instant end) {
        String width = unit == ChronoUnit.HOURS ? "hour" : "day";
        Map<Instant, long[]> counts = new HashMap<>();
        rows(db, "SELECT cast(extract(epoch FROM date_trunc('" + width + "', h.changed_at AT TIME ZONE 'UTC')) AS bigint),"
                        + " count(*) FILTER (WHERE h.state = 'OPEN'), count(*) FILTER (WHERE h.state = 'RESOLVED')"
                        + " FROM (SELECT state, changed_at, lag(state) OVER (PARTITION BY finding_id ORDER BY version) AS before"
                        + " FROM finding_history) h"
                        + " WHERE h.changed_at >= ?1 AND h.state IN ('OPEN', 'RESOLVED') AND h.before IS DISTINCT FROM h.state"
                        + " GROUP BY 1", since)
                .forEach(row -> counts.put(Instant.ofEpochSecond(number(row[0])), new long[] {number(row[1]), number(row[2])}));
        List<FindingOverview.Bucket> buckets = new ArrayList<>();
        for (Instant start = since; !start.isAfter(end); start = start.plus(1, unit)) {
            long[] count = counts.getOrDefault(start, new long[2]);
            buckets.add(new FindingOverview.Bucket(start, count[0], count[1]));
        }
        return buckets;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(EntityManager db, String sql, Object... parameters) {
        Query query = db.createNativeQuery(sql, Object[].class);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.getResultList();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
