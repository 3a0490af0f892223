package io.portwatch.registry.jdbc;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC on the service's datasource, for the registry's bulk paths (an IANA import writes some
 * 12,000 rows to each of three tables in one transaction). Statements join the caller's JTA transaction.
 */
@ApplicationScoped
public class Jdbc {

    private static final int BATCH = 1_000;

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Sets a statement's parameters from one item of a batch. */
    @FunctionalInterface
    public interface ItemBinder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    /** Reads one row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** The rows a query returns. */
    public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        List<T> rows = new ArrayList<>();
        execute(sql, statement -> {
            binder.bind(statement);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.map(result));
                }
            }
        });
        return rows;
    }

    /** The first column of the single row a query returns. */
    public <T> T single(String sql, Binder binder, RowMapper<T> mapper) {
        return query(sql, binder, mapper).get(0);
    }

    /** Runs an insert, update or delete; returns the rows it changed. */
    public int update(String sql, Binder binder) {
        int[] changed = new int[1];
        execute(sql, statement -> {
            binder.bind(statement);
            changed[0] = statement.executeUpdate();
        });
        return changed[0];
    }

    /** Runs one statement for every item, sent to the database in batches. */
    public <T> void batch(String sql, List<T> items, ItemBinder<T> binder) {
        if (items.isEmpty()) {
            return;
        }
        execute(sql, statement -> {
            int pending = 0;
            for (T item : items) {
                binder.bind(statement, item);
                statement.addBatch();
                if (++pending == BATCH) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        });
    }

    private void execute(String sql, Binder work) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            work.bind(statement);
        } catch (SQLException e) {
            throw new JdbcException(sql, e);
        }
    }

    /** A statement failed; the transaction rolls back. */
    public static class JdbcException extends RuntimeException {
        JdbcException(String sql, SQLException cause) {
            super(cause.getMessage() + " [" + sql.split(" ", 2)[0] + "]", cause);
        }
    }
}
