package io.portwatch.registry.iana;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.registry.knowledge.IanaEntry;

import java.util.Map;

/**
 * A parsed IANA registry file.
 *
 * @param entries  one entry per transport/port the file assigns, reserves or withdrew
 * @param rowsRead CSV records read (a quoted multi-line field counts once)
 * @param sha256   digest of the file, to tell imports of the same file apart from newer ones
 */
public record IanaRegistry(Map<PortKey, IanaEntry> entries, int rowsRead, String sha256) {
}
