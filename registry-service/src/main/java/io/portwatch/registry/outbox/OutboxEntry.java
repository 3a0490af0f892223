package io.portwatch.registry.outbox;

import io.portwatch.events.knowledge.PortKnowledge;

/**
 * Knowledge queued for the knowledge topic, keyed by its transport/port.
 *
 * @param knowledge the value to send
 */
public record OutboxEntry(PortKnowledge knowledge) {
}
