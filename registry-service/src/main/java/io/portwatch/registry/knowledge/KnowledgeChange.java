package io.portwatch.registry.knowledge;

import io.portwatch.events.knowledge.PortKey;

import java.util.Objects;

/**
 * A change to write: the stored record before (null when new) and the record to store.
 *
 * @param before the record as stored, or null
 * @param after  the record to store
 */
public record KnowledgeChange(KnowledgeRecord before, KnowledgeRecord after) {

    public KnowledgeChange {
        Objects.requireNonNull(after, "after");
    }

    /** The record this change is about. */
    public PortKey key() {
        return after.key();
    }
}
