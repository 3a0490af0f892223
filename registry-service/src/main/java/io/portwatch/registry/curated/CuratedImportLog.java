package io.portwatch.registry.curated;

import io.portwatch.registry.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.time.Instant;

/** The {@code curated_import} table: the curated files applied, so none is applied twice. */
@ApplicationScoped
public class CuratedImportLog {

    private final Jdbc jdbc;

    public CuratedImportLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public boolean applied(String sha256) {
        return jdbc.single("SELECT EXISTS (SELECT 1 FROM curated_import WHERE file_sha256 = ?)",
                statement -> statement.setString(1, sha256), row -> row.getBoolean(1));
    }

    public void record(String sha256, String revision) {
        jdbc.update("INSERT INTO curated_import (file_sha256, revision, applied_at) VALUES (?, ?, ?)", statement -> {
            statement.setString(1, sha256);
            statement.setString(2, revision);
            statement.setTimestamp(3, Timestamp.from(Instant.now()));
        });
    }
}
