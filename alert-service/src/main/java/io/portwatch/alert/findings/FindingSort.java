package io.portwatch.alert.findings;

/**
 * The orders a findings search can take. Each ends with the finding id, so that the order is total and a
 * cursor (the last row's key) says exactly where the next page starts, however rows are added meanwhile.
 */
public enum FindingSort {

    /** Most severe first, then most recently seen. */
    SEVERITY("severity_rank", "last_seen"),
    /** Most recently seen first. */
    LAST_SEEN(null, "last_seen"),
    /** Most recently opened first. */
    FIRST_SEEN(null, "first_seen");

    private final String rankColumn;
    private final String timeColumn;

    FindingSort(String rankColumn, String timeColumn) {
        this.rankColumn = rankColumn;
        this.timeColumn = timeColumn;
    }

    /** The columns of the sort key, in order: optional rank, time, finding id. */
    String keyColumns() {
        return (rankColumn == null ? "" : "f." + rankColumn + ", ") + "f." + timeColumn + ", f.finding_id";
    }

    /** The SQL ORDER BY of this sort: every key column descending. */
    String orderBy() {
        return keyColumns().replace(",", " DESC,") + " DESC";
    }

    /** Whether the key starts with the severity rank. */
    boolean ranked() {
        return rankColumn != null;
    }

    /** The row's key for a cursor. */
    FindingCursor keyOf(FindingEntity row) {
        return new FindingCursor(this, ranked() ? row.severityRank : 0, this == FIRST_SEEN ? row.firstSeen : row.lastSeen,
                row.findingId);
    }
}
