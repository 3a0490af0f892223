package io.portwatch.registry.knowledge;

import java.util.List;

/**
 * One page of a result.
 *
 * @param items      the page's items
 * @param page       0-based page number
 * @param size       page size asked for
 * @param totalItems items in the whole result
 * @param totalPages pages in the whole result
 */
public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    /** The page of a whole result. */
    public static <T> Page<T> of(List<T> all, int page, int size) {
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        return new Page<>(List.copyOf(all.subList(from, to)), page, size, all.size(), (all.size() + size - 1) / size);
    }
}
