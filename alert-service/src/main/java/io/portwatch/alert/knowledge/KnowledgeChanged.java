package io.portwatch.alert.knowledge;

import io.portwatch.events.knowledge.PortKey;

import java.util.Set;

/**
 * CDI event: the knowledge of these transport/ports changed after the view had caught up.
 *
 * @param ports the changed keys
 */
public record KnowledgeChanged(Set<PortKey> ports) {
}
