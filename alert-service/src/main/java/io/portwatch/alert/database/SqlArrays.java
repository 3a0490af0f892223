package io.portwatch.alert.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Binds collections as PostgreSQL arrays, for {@code = ANY(?)} and {@code unnest(?, ...)}: one parameter however
 * many values, so a statement's SQL is the same for every batch and never nears pgjdbc's 65,535 parameters.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** Binds {@code values} (nulls allowed) as a {@code text[]}; cast it in the SQL to the column's type. */
    public static void bindText(Connection connection, PreparedStatement statement, int index, Collection<?> values)
            throws SQLException {
        String[] texts = values.stream().map(value -> value == null ? null : value.toString()).toArray(String[]::new);
        statement.setArray(index, connection.createArrayOf("text", texts));
    }

    /**
     * Binds {@code values} (byte strings, nulls allowed) as a {@code bytea[]}: pgjdbc sends it in binary, each value's
     * bytes copied once into a buffer of the exact size.
     */
    public static void bindBytes(Connection connection, PreparedStatement statement, int index, Collection<byte[]> values)
            throws SQLException {
        statement.setArray(index, connection.createArrayOf("bytea", values.toArray(byte[][]::new)));
    }
}
