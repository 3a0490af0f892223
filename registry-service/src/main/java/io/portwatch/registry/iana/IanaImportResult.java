package io.portwatch.registry.iana;

import java.time.Instant;

/**
 * What an IANA import did.
 *
 * @param startedAt      when it started
 * @param durationMillis how long it took, parsing included
 * @param sha256         digest of the file
 * @param rowsRead       CSV records read
 * @param entries        transport/ports the file assigns, reserves or withdrew
 * @param inserted       entries new to the registry
 * @param updated        entries whose IANA registration changed
 * @param unchanged      entries that stayed as they were
 * @param withdrawn      entries the file no longer has: they stay, UNASSIGNED unless curated, with their history
 */
public record IanaImportResult(Instant startedAt, long durationMillis, String sha256, int rowsRead, int entries, int inserted,
        int updated, int unchanged, int withdrawn) {
}
