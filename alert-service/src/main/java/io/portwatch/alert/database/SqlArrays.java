package io.portwatch.alert.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Function;

/**
 * Binds collections as PostgreSQL arrays, for {@code = ANY(?)} and {@code unnest(?, ...)}: one parameter however
 * many values, so a statement's SQL is the same for every batch and never nears pgjdbc's 65,535 parameters. Numbers
 * and instants travel in binary ({@code int8[]}): the server parses no text for them, and the service formats none.
 */
public final class SqlArrays {

    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final double NANOS_PER_SECOND = 1e9;

    private SqlArrays() {
    }

    /** Binds {@code values} (nulls allowed) as a {@code text[]}; cast it in the SQL to the column's type. */
    public static void bindText(Connection connection, PreparedStatement statement, int index, Collection<?> values)
            throws SQLException {
        bindText(connection, statement, index, values, Function.identity());
    }

    /**
     * Binds a value of each row (nulls allowed), as its {@link Object#toString()} text, as a {@code text[]} in the rows'
     * order; cast it in the SQL to the column's type. A loop, not a stream: a statement binds one such column per column
     * it writes, on every batch.
     */
    public static <T> void bindText(Connection connection, PreparedStatement statement, int index, Collection<T> rows,
            Function<? super T, ?> value) throws SQLException {
        String[] texts = new String[rows.size()];
        int i = 0;
        for (T row : rows) {
            Object text = value.apply(row);
            texts[i++] = text == null ? null : text.toString();
        }
        statement.setArray(index, connection.createArrayOf("text", texts));
    }

    /**
     * Binds whole numbers (nulls allowed) as an {@code int8[]}, sent in binary; cast it in the SQL to a narrower
     * column type where needed (a value out of its range is refused there, SQLSTATE 22003).
     */
    public static void bindLongs(Connection connection, PreparedStatement statement, int index,
            Collection<? extends Number> values) throws SQLException {
        bindLongs(connection, statement, index, values, Function.identity());
    }

    /** Binds a whole number of each row (nulls allowed) as {@link #bindLongs(Connection, PreparedStatement, int, Collection)} does. */
    public static <T> void bindLongs(Connection connection, PreparedStatement statement, int index, Collection<T> rows,
            Function<? super T, ? extends Number> value) throws SQLException {
        Long[] longs = new Long[rows.size()];
        int i = 0;
        for (T row : rows) {
            Number number = value.apply(row);
            longs[i++] = number == null ? null : number.longValue();
        }
        statement.setArray(index, connection.createArrayOf("int8", longs));
    }

    /**
     * Binds instants (nulls allowed) as an {@code int8[]} of {@link #micros} since the epoch, sent in binary; the SQL
     * turns each into a {@code timestamptz} with {@link #timestamptz}.
     *
     * @throws ArithmeticException for an instant after 294247-01-10T04:00:54.775807Z, the most microseconds an
     *                             {@code int8} holds (PostgreSQL's own range goes on to 294276), or about 290,000 years
     *                             before 1970 (far before PostgreSQL's, which the server checks)
     */
    public static void bindInstants(Connection connection, PreparedStatement statement, int index,
            Collection<Instant> values) throws SQLException {
        bindInstants(connection, statement, index, values, Function.identity());
    }

    /**
     * Binds an instant of each row (nulls allowed) as {@link #bindInstants(Connection, PreparedStatement, int, Collection)} does.
     *
     * @throws ArithmeticException for an instant beyond the microseconds an {@code int8} holds, as that one does
     */
    public static <T> void bindInstants(Connection connection, PreparedStatement statement, int index, Collection<T> rows,
            Function<? super T, Instant> value) throws SQLException {
        Long[] micros = new Long[rows.size()];
        int i = 0;
        for (T row : rows) {
            Instant instant = value.apply(row);
            micros[i++] = instant == null ? null : micros(instant);
        }
        statement.setArray(index, connection.createArrayOf("int8", micros));
    }

    /**
     * The microseconds since the epoch of an instant, its fraction rounded as PostgreSQL 15 rounds the fraction of a
     * timestamp's text ({@code ParseFractionalSecond}: the digits read as a double, times 10^6, rounded half to even),
     * so that a bound instant is stored exactly as its {@link Instant#toString()} text was.
     */
    static long micros(Instant instant) {
        long fraction = (long) Math.rint(instant.getNano() / NANOS_PER_SECOND * MICROS_PER_SECOND);
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), fraction);
    }

    /**
     * The SQL that turns a value bound by {@link #bindInstants} (an {@code int8} expression, evaluated twice) into a
     * {@code timestamptz}, exactly for every value {@link #bindInstants} sends and whatever the session's time zone:
     * whole days and the microseconds left added to a UTC timestamp. (One product of microseconds would go through a
     * float8, exact only within 285 years of 1970.) 165-215 ns a value where parsing its text took 470-530 ns
     * ({@code psql} over 1,000,000 values: bench/RESULTS.md, alert-binary-binds-17).
     */
    public static String timestamptz(String micros) {
        return "((timestamp 'epoch' + (" + micros + " / 86400000000) * interval '1 day' + (" + micros
                + " % 86400000000) * interval '1 microsecond') AT TIME ZONE 'UTC')";
    }

    /**
     * Binds a byte string of each row (nulls allowed) as a {@code bytea[]}: pgjdbc sends it in binary, each value's
     * bytes copied once into a buffer of the exact size.
     */
    public static <T> void bindBytes(Connection connection, PreparedStatement statement, int index, Collection<T> rows,
            Function<? super T, byte[]> value) throws SQLException {
        byte[][] bytes = new byte[rows.size()][];
        int i = 0;
        for (T row : rows) {
            bytes[i++] = value.apply(row);
        }
        statement.setArray(index, connection.createArrayOf("bytea", bytes));
    }
}
