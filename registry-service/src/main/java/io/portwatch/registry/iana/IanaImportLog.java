package io.portwatch.registry.iana;

import io.portwatch.registry.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;

/** The {@code iana_import} table: one row per import, with its counts. */
@ApplicationScoped
public class IanaImportLog {

    private final Jdbc jdbc;

    public IanaImportLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether IANA's registry was ever imported. */
    public boolean any() {
        return jdbc.single("SELECT EXISTS (SELECT 1 FROM iana_import)", statement -> { }, row -> row.getBoolean(1));
    }

    /** Records an import. */
    public void record(IanaImportResult result, String triggeredBy) {
        jdbc.update("INSERT INTO iana_import (started_at, finished_at, triggered_by, file_sha256, rows_read, entries, inserted, "
                + "updated, unchanged, withdrawn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setTimestamp(1, Timestamp.from(result.startedAt()));
            statement.setTimestamp(2, Timestamp.from(result.startedAt().plusMillis(result.durationMillis())));
            statement.setString(3, triggeredBy);
            statement.setString(4, result.sha256());
            statement.setInt(5, result.rowsRead());
            statement.setInt(6, result.entries());
            statement.setInt(7, result.inserted());
            statement.setInt(8, result.updated());
            statement.setInt(9, result.unchanged());
            statement.setInt(10, result.withdrawn());
        });
    }
}
