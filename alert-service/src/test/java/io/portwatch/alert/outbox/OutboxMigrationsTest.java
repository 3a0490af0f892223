package io.portwatch.alert.outbox;

import io.portwatch.alert.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's migrations on a database holding rows of the version before each, migrated in a schema of its own:
 * V13 undoes V11's outbox ring, and V16 stores payloads as bytes.
 */
@QuarkusTest
class OutboxMigrationsTest {

    private static final String SCHEMA = "outbox_migrations";

    @Inject
    Sql sql;

    @AfterEach
    void dropSchema() throws SQLException {
        sql.drop(SCHEMA);
    }

    /**
     * What is still to send (rows of pending batches, rows without a batch) and what is parked moves to the plain
     * outbox, and what the broker acknowledged (rows of batches no longer pending, their slot not truncated yet) does
     * not, so the sweeper sends nothing twice.
     */
    @Test
    void rowsStillToSendOutliveTheRingAndAcknowledgedOnesDoNot() throws SQLException {
        Flyway ofSchema = sql.upgrade(SCHEMA, "12");
        sql.execute("INSERT INTO " + SCHEMA + ".alert_outbox_batch (batch, slot, created_at) OVERRIDING SYSTEM VALUE"
                + " VALUES (1, 3, now()), (2, 4, now())");
        sql.execute("DELETE FROM " + SCHEMA + ".alert_outbox_batch WHERE batch = 2"); // acknowledged, slot 4 not truncated yet
        sql.execute("INSERT INTO " + SCHEMA + ".alert_outbox (id, slot, batch, topics, record_key, version, ce_type, severity,"
                + " payload, event_time, created_at, parked_at, park_reason) VALUES"
                + " (11, 3, 1, ARRAY['portwatch.alerts'], 'pending', 1, 'opened', 'HIGH', '{}', now(), now(), null, null),"
                + " (12, 4, 2, ARRAY['portwatch.alerts'], 'acknowledged', 1, 'opened', 'HIGH', '{}', now(), now(), null, null),"
                + " (13, -1, null, ARRAY['portwatch.alerts'], 'older-writer', 1, 'opened', 'HIGH', '{}', now(), now(), null, null),"
                + " (14, -1, 1, ARRAY['portwatch.alerts'], 'parked', 1, 'opened', 'HIGH', '{}', now(), now(), now(), 'too large')");

        ofSchema.migrate();

        assertThat(sql.strings("SELECT record_key || ':' || coalesce(park_reason, '-') FROM " + SCHEMA + ".alert_outbox ORDER BY id"))
                .containsExactly("pending:-", "older-writer:-", "parked:too large");
        assertThat(sql.strings("SELECT coalesce(to_regclass('" + SCHEMA + ".alert_outbox_batch')::text, 'gone')")).containsExactly("gone");
        assertThat(sql.strings("SELECT count(*)::text FROM pg_inherits WHERE inhparent = '" + SCHEMA + ".alert_outbox'::regclass"))
                .as("partitions").containsExactly("0");
    }

    /** A payload stored as text becomes the UTF-8 bytes it stood for: the sweeper sends what the version before would have. */
    @Test
    void aPayloadStoredAsTextBecomesItsUtf8Bytes() throws SQLException {
        Flyway ofSchema = sql.upgrade(SCHEMA, "15");
        // Beyond ASCII: two-, three- and four-byte characters, and an escaped control character as JSON writes it.
        String payload = "{\"host\":{\"name\":\"Zürich-Büro ✓ \uD83D\uDDA5\"},\"title\":\"tab\\u0009here\"}";
        sql.execute("INSERT INTO " + SCHEMA + ".alert_outbox (id, topics, record_key, version, ce_type, severity,"
                + " payload, event_time, created_at) VALUES"
                + " (21, ARRAY['portwatch.alerts'], 'pending', 1, 'opened', 'HIGH', '" + payload + "', now(), now())");

        ofSchema.migrate();

        assertThat(sql.strings("SELECT encode(payload, 'hex') FROM " + SCHEMA + ".alert_outbox WHERE id = 21"))
                .containsExactly(HexFormat.of().formatHex(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
