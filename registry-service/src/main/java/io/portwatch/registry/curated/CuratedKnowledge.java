package io.portwatch.registry.curated;

import java.util.List;

/**
 * The curated knowledge file: a revision, where its facts come from, and its entries.
 *
 * @param revision date of the file's last change
 * @param source   where its facts come from
 * @param entries  the entries
 */
public record CuratedKnowledge(String revision, String source, List<CuratedEntry> entries) {
}
