package io.portwatch.alert.findings;

import java.time.Instant;

/**
 * Where a page of a findings search ends: the sort key of its last row. The next page starts strictly after it.
 *
 * @param sort      the sort it belongs to
 * @param rank      the severity rank (0 when the sort is not ranked)
 * @param at        the time column of the sort
 * @param findingId the finding id
 */
public record FindingCursor(FindingSort sort, int rank, Instant at, String findingId) {
}
