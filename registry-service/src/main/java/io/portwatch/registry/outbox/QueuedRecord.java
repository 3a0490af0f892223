package io.portwatch.registry.outbox;

import io.portwatch.events.knowledge.PortKey;

/**
 * An outbox row waiting to be sent.
 *
 * @param id      outbox id, increasing in commit order
 * @param key     the record's key
 * @param version the knowledge version it carries
 * @param payload the knowledge as JSON
 */
public record QueuedRecord(long id, PortKey key, long version, String payload) {
}
