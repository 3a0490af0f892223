package io.portwatch.alert.outbox;

import io.agroal.api.AgroalDataSource;
import io.portwatch.alert.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V13 undoes V11's outbox ring on a database that ran it: what is still to send (rows of pending batches, rows
 * without a batch) and what is parked moves to the plain outbox, and what the broker acknowledged (rows of
 * batches no longer pending, their slot not truncated yet) does not, so the sweeper sends nothing twice. Migrated
 * in a schema of its own, up to V12 first.
 */
@QuarkusTest
class OutboxRingUndoneTest {

    private static final String SCHEMA = "outbox_ring_undone";

    @Inject
    Flyway flyway;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void dropSchema() throws SQLException {
        new Sql(dataSource).drop(SCHEMA);
    }

    @Test
    void rowsStillToSendOutliveTheRingAndAcknowledgedOnesDoNot() throws SQLException {
        Sql sql = new Sql(dataSource);
        Flyway ofSchema = sql.upgrade(flyway, SCHEMA, "12");
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
}
