package io.portwatch.alert.findings;

import io.portwatch.events.finding.FindingEvent;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The console's read side of findings: filtered searches paged by keyset (the last row's sort key, never an
 * OFFSET), so a page follows exactly from the one before while findings are added or change, and exports.
 */
@ApplicationScoped
public class FindingSearch {

    /**
     * One page of a search.
     *
     * @param items the page's findings
     * @param next  where the next page starts, or null on the last page
     * @param total findings matching the filter, now
     */
    public record Result(List<FindingEvent> items, FindingCursor next, long total) {
    }

    /** Up to {@code limit} findings matching the filter in the sort's order, after the cursor (null: from the start). */
    public Result page(FindingFilter filter, FindingSort sort, FindingCursor after, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            SqlWhere matching = SqlWhere.of(filter);
            long total = ((Number) matching.bind(Panache.getEntityManager()
                    .createNativeQuery("SELECT count(*) FROM finding f" + matching.sql())).getSingleResult()).longValue();
            List<FindingEntity> rows = rows(filter, sort, after, limit + 1);
            boolean more = rows.size() > limit;
            List<FindingEntity> page = more ? rows.subList(0, limit) : rows;
            return new Result(page.stream().map(FindingEntity::toEvent).toList(), more ? sort.keyOf(page.get(limit - 1)) : null,
                    total);
        });
    }

    /** The first {@code max} findings matching the filter, in the sort's order. */
    public List<FindingEvent> export(FindingFilter filter, FindingSort sort, int max) {
        return QuarkusTransaction.requiringNew().call(() -> rows(filter, sort, null, max).stream().map(FindingEntity::toEvent).toList());
    }

    @SuppressWarnings("unchecked")
    private static List<FindingEntity> rows(FindingFilter filter, FindingSort sort, FindingCursor after, int limit) {
        SqlWhere where = SqlWhere.of(filter);
        if (after != null) {
            where.add("(" + sort.keyColumns() + ") " + sort.after() + " (" + (sort.ranked() ? where.param(after.rank()) + ", " : "")
                    + where.param(after.at()) + ", " + where.param(after.findingId()) + ")");
        }
        return where.bind(Panache.getEntityManager().createNativeQuery(
                        "SELECT f.* FROM finding f" + where.sql() + " ORDER BY " + sort.orderBy(), FindingEntity.class))
                .setMaxResults(limit)
                .getResultList();
    }
}
