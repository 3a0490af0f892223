package io.portwatch.alert.findings;

/**
 * The orders a findings search can take. Each ends with the finding id, so that the order is total and a
 * cursor (the last row's key) says exactly where the next page starts, however rows are added meanwhile.
 */
public enum FindingSort {

    /** Most severe first, then most recently seen. */
    SEVERITY("severity_rank", "last_seen", false),
    /** Most recently seen first. */
    LAST_SEEN(null, "last_seen", false),
    /** Most recently opened first. */
    FIRST_SEEN(null, "first_seen", false),
    /**
     * Least recently changed first: a finding that changes while a client pages moves behind its cursor, so following
     * the cursor to the end sees every finding at least once and every change made meanwhile (incremental reads).
     */
    UPDATED(null, "updated_at", true);

    private final String rankColumn;
    private final String timeColumn;
    private final boolean ascending;

    FindingSort(String rankColumn, String timeColumn, boolean ascending) {
        this.rankColumn = rankColumn;
        this.timeColumn = timeColumn;
        this.ascending = ascending;
    }

    /** The columns of the sort key, in order: optional rank, time, finding id. */
    String keyColumns() {
        return (rankColumn == null ? "" : "f." + rankColumn + ", ") + "f." + timeColumn + ", f.finding_id";
    }

    /** The SQL ORDER BY of this sort: every key column in the sort's direction. */
    String orderBy() {
        String direction = ascending ? " ASC" : " DESC";
        return keyColumns().replace(",", direction + ",") + direction;
    }

    /** The row-value comparison that keeps the rows after a cursor ({@code <} descending, {@code >} ascending). */
    String after() {
        return ascending ? ">" : "<";
    }

    /** Whether the key starts with the severity rank. */
    boolean ranked() {
        return rankColumn != null;
    }

    /** The row's key for a cursor. */
    FindingCursor keyOf(FindingEntity row) {
        return new FindingCursor(this, ranked() ? row.severityRank : 0, switch (this) {
            case FIRST_SEEN -> row.firstSeen;
            case UPDATED -> row.updatedAt;
            default -> row.lastSeen;
        }, row.findingId);
    }
}
