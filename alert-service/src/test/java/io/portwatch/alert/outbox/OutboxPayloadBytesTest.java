package io.portwatch.alert.outbox;

import io.agroal.api.AgroalDataSource;
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
 * V16 turns the payloads of rows still in the outbox into the UTF-8 bytes their text stood for, so that the sweeper
 * sends after the upgrade what the previous version would have sent. Migrated in a schema of its own, up to V15 first.
 */
@QuarkusTest
class OutboxPayloadBytesTest {

    private static final String SCHEMA = "outbox_payload_bytes";

    @Inject
    Flyway flyway;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void dropSchema() throws SQLException {
        new Sql(dataSource).drop(SCHEMA);
    }

    @Test
    void aPayloadStoredAsTextBecomesItsUtf8Bytes() throws SQLException {
        Sql sql = new Sql(dataSource);
        Flyway ofSchema = sql.upgrade(flyway, SCHEMA, "15");
        // Beyond ASCII: two- three- and four-byte characters, and an escaped control character as JSON writes it.
        String payload = "{\"host\":{\"name\":\"Zürich-Büro ✓ \uD83D\uDDA5\"},\"title\":\"tab\\u0009here\"}";
        sql.execute("INSERT INTO " + SCHEMA + ".alert_outbox (id, topics, record_key, version, ce_type, severity,"
                + " payload, event_time, created_at) VALUES"
                + " (21, ARRAY['portwatch.alerts'], 'pending', 1, 'opened', 'HIGH', '" + payload + "', now(), now())");

        ofSchema.migrate();

        assertThat(sql.strings("SELECT encode(payload, 'hex') FROM " + SCHEMA + ".alert_outbox WHERE id = 21"))
                .containsExactly(HexFormat.of().formatHex(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
