package io.portwatch.alert.api;

import java.util.List;

/**
 * One page of a keyset-paged result.
 *
 * @param items      the page's items
 * @param nextCursor the cursor of the next page (pass it as {@code cursor}), or null on the last page
 * @param totalItems items matching the filter now
 */
public record CursorPage<T>(List<T> items, String nextCursor, long totalItems) {
}
