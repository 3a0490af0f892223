package io.portwatch.registry.knowledge;

import java.util.Set;

/**
 * Fired synchronously by {@link KnowledgeIndex} after it swapped in a new snapshot, while it still holds its lock, so
 * that observers see the changes in the order they were made.
 *
 * @param everything true when the whole index was replaced (start, IANA import)
 * @param ports      the ports whose entries changed, when not everything did
 */
public record KnowledgeIndexChanged(boolean everything, Set<Integer> ports) {

    public KnowledgeIndexChanged {
        ports = Set.copyOf(ports);
    }

    static KnowledgeIndexChanged all() {
        return new KnowledgeIndexChanged(true, Set.of());
    }

    static KnowledgeIndexChanged ofPorts(Set<Integer> ports) {
        return new KnowledgeIndexChanged(false, ports);
    }
}
