package io.portwatch.registry.knowledge;

import io.portwatch.events.knowledge.PortKnowledge;

import java.time.Instant;

/**
 * One change of a transport/port's knowledge.
 *
 * @param version   the version it made
 * @param changedAt when
 * @param changedBy who: the admin's JWT subject, or the service for imports
 * @param source    {@code iana-import}, {@code curated-file} or {@code admin}
 * @param before    the knowledge before, or null when there was none
 * @param after     the knowledge after, or null when it was withdrawn
 */
public record HistoryEntry(long version, Instant changedAt, String changedBy, String source, PortKnowledge before,
        PortKnowledge after) {
}
