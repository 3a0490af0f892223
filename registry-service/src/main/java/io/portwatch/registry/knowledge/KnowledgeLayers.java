package io.portwatch.registry.knowledge;

import io.portwatch.events.knowledge.PortKnowledge;

/**
 * The two layers of one transport/port side by side, and the knowledge they make together.
 *
 * @param iana      IANA's registration as last imported, or null when IANA registers nothing there
 * @param curated   the curated layer, or null when nobody curated it
 * @param knowledge the merged knowledge published on the topic (the curated layer wins where it says something);
 *                  its version is the one to send in If-Match
 */
public record KnowledgeLayers(IanaEntry iana, Curation curated, PortKnowledge knowledge) {
}
