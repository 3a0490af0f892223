package io.portwatch.alert;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain SQL against the service's database, for tests that look under its entities: statements, the first column of a
 * query's rows, and a migration tried on a database that already holds data ({@link #upgrade}).
 */
@ApplicationScoped
public class Sql {

    private final AgroalDataSource dataSource;
    private final Flyway service;

    Sql(AgroalDataSource dataSource, Flyway service) {
        this.dataSource = dataSource;
        this.service = service;
    }

    public void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of every row, as text. */
    public List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The first column of the one row (a {@code timestamptz}); fails when there is no row. */
    public Instant instant(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).as(sql).isTrue();
            return row.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /**
     * A schema of its own (dropped first if a run left it), migrated by the service's Flyway configuration up to
     * {@code version}; the returned Flyway migrates it the rest of the way. Drop it with {@link #drop}.
     */
    public Flyway upgrade(String schema, String version) throws SQLException {
        drop(schema);
        Flyway ofSchema = Flyway.configure().configuration(service.getConfiguration()).schemas(schema).createSchemas(true).load();
        Flyway.configure().configuration(ofSchema.getConfiguration()).target(version).load().migrate();
        return ofSchema;
    }

    public void drop(String schema) throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
