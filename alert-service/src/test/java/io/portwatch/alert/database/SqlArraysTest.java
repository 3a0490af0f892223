package io.portwatch.alert.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Instants and whole numbers bound in binary are stored as their text was: the same {@code timestamptz} to the
 * microsecond (PostgreSQL's rounding of a fraction included, whatever the session's time zone), the same numbers, nulls
 * kept, in order; a number out of a narrower column's range is a data exception, as a text one was. Values taken from
 * rows by a function are bound in the rows' order, nulls kept.
 */
@QuarkusTest
class SqlArraysTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void instantsAreStoredAsTheirTextWas() throws SQLException {
        List<Instant> instants = Arrays.asList(
                Instant.parse("2026-12-03T09:11:33.123456789Z"),
                Instant.parse("2026-03-08T07:00:00.000000500Z"), // half a microsecond: 0
                Instant.parse("2026-03-08T07:00:00.000001500Z"), // 2
                // PostgreSQL multiplies a double: these two round apart (125, 127), where exact half-even gives 126 twice.
                Instant.parse("2026-03-08T07:00:00.000125500Z"),
                Instant.parse("2026-03-08T07:00:00.000126500Z"),
                Instant.parse("2026-11-01T05:59:59.999999500Z"), // into the next second, on a daylight-saving change
                null,
                Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("1600-02-29T12:00:00.000000999Z"),
                Instant.parse("9999-12-31T23:59:59.999999Z"),
                Instant.EPOCH);
        String sql = "SELECT " + SqlArrays.timestamptz("r.micros") + "::text, r.text::timestamptz::text"
                + " FROM unnest(?::int8[], ?::text[]) WITH ORDINALITY AS r(micros, text, n) ORDER BY n";
        for (String zone : List.of("UTC", "America/New_York", "Asia/Kolkata")) {
            List<String[]> rows = query(zone, sql, (connection, statement) -> {
                SqlArrays.bindInstants(connection, statement, 1, instants);
                SqlArrays.bindText(connection, statement, 2, instants);
            });
            assertThat(rows).as(zone).hasSize(instants.size())
                    .allSatisfy(row -> assertThat(row[0]).as(zone).isEqualTo(row[1]));
            assertThat(rows.get(instants.indexOf(null))[0]).isNull();
        }
    }

    @Test
    void instantsBeyondTheTextsYearsKeepTheirMicroseconds() throws SQLException {
        Instant far = Instant.parse("+200000-01-01T00:00:00.000001Z");
        List<String[]> rows = query("UTC", "SELECT (extract(epoch FROM " + SqlArrays.timestamptz("m") + ") * 1000000)::int8::text"
                + " FROM unnest(?::int8[]) AS m", (connection, statement) -> SqlArrays.bindInstants(connection, statement, 1, List.of(far)));
        assertThat(rows.get(0)[0]).isEqualTo(Long.toString(far.getEpochSecond() * 1_000_000 + 1));
        assertThat(SqlArrays.micros(far)).isEqualTo(far.getEpochSecond() * 1_000_000 + 1);
    }

    @Test
    void anInstantPastTheMicrosecondsAnInt8HoldsIsRefusedBeforeTheDatabase() {
        Instant last = Instant.parse("+294247-01-10T04:00:54.775807Z");
        assertThat(SqlArrays.micros(last)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> SqlArrays.micros(last.plusNanos(1_000))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> SqlArrays.micros(Instant.MAX)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> SqlArrays.micros(Instant.MIN)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void wholeNumbersAreStoredAsTheirTextWas() throws SQLException {
        List<Number> numbers = Arrays.asList(Long.MAX_VALUE, Long.MIN_VALUE, 0, null, 65_535, -1L);
        List<String[]> rows = query("UTC", "SELECT r.number::text, r.text::bigint::text"
                + " FROM unnest(?::int8[], ?::text[]) WITH ORDINALITY AS r(number, text, n) ORDER BY n", (connection, statement) -> {
                    SqlArrays.bindLongs(connection, statement, 1, numbers);
                    SqlArrays.bindText(connection, statement, 2, numbers);
                });
        assertThat(rows).hasSize(numbers.size()).allSatisfy(row -> assertThat(row[0]).isEqualTo(row[1]));
        assertThat(rows.get(3)[0]).isNull();
    }

    /** A row of the per-row binders' test: each binder takes one of its values. */
    private record Row(String text, Long number, Instant instant, byte[] bytes) {
    }

    @Test
    void eachRowsValuesAreBoundInTheRowsOrderNullsKept() throws SQLException {
        List<Row> rows = List.of(
                new Row("b", 2L, Instant.parse("2026-12-06T02:00:00.000001Z"), new byte[] {0, (byte) 0xff}),
                new Row(null, null, null, null),
                new Row("a\"'{},", -1L, Instant.EPOCH, new byte[0]));
        List<String[]> read = query("UTC", "SELECT r.text, r.number::text, " + SqlArrays.timestamptz("r.micros") + "::text,"
                + " encode(r.bytes, 'hex') FROM unnest(?::text[], ?::int8[], ?::int8[], ?::bytea[]) WITH ORDINALITY"
                + " AS r(text, number, micros, bytes, n) ORDER BY n", (connection, statement) -> {
                    SqlArrays.bindText(connection, statement, 1, rows, Row::text);
                    SqlArrays.bindLongs(connection, statement, 2, rows, Row::number);
                    SqlArrays.bindInstants(connection, statement, 3, rows, Row::instant);
                    SqlArrays.bindBytes(connection, statement, 4, rows, Row::bytes);
                });
        assertThat(read).containsExactly(
                new String[] {"b", "2", "2026-12-06 02:00:00.000001+00", "00ff"},
                new String[] {null, null, null, null},
                new String[] {"a\"'{},", "-1", "1970-01-01 00:00:00+00", ""});
    }

    @Test
    void aNumberOutOfANarrowerColumnsRangeIsADataException() {
        assertThatThrownBy(() -> query("UTC", "SELECT unnest(?::int8[]::integer[])::text",
                (connection, statement) -> SqlArrays.bindLongs(connection, statement, 1, List.of(1L << 40))))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22003"));
    }

    private interface Binder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    /** Every row of a query run in a session with this time zone, each column as text. */
    private List<String[]> query(String zone, String sql, Binder binder) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement set = connection.createStatement()) {
                set.execute("SET TIME ZONE '" + zone + "'");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(connection, statement);
                List<String[]> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        String[] row = new String[columns];
                        for (int column = 0; column < columns; column++) {
                            row[column] = result.getString(column + 1);
                        }
                        rows.add(row);
                    }
                }
                return rows;
            } finally {
                try (Statement reset = connection.createStatement()) {
                    reset.execute("RESET TIME ZONE");
                }
            }
        }
    }
}
