package io.portwatch.registry.curated;

import io.portwatch.registry.knowledge.Curation;

import java.util.Map;

/**
 * The curated knowledge file, {@code knowledge/curated.json}.
 *
 * @param revision date of the file's last change
 * @param source   where its facts come from
 * @param entries  the curated layer of each transport/port, keyed {@code tcp/3283}
 */
public record CuratedKnowledgeFile(String revision, String source, Map<String, Curation> entries) {
}
