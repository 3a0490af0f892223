package io.portwatch.alert.findings;

import java.util.List;

/**
 * One page of a result.
 *
 * @param items      the page's items
 * @param page       0-based page number
 * @param size       page size
 * @param totalItems items in the whole result
 * @param totalPages pages in the whole result
 */
public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {
}
