package io.portwatch.system;

import io.portwatch.events.Topics;
import io.portwatch.events.contract.DeadLetterHeaders;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.KafkaBroker;
import io.portwatch.testing.PostgresDatabase;
import io.portwatch.testing.TopicReader;
import io.portwatch.testing.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener record PostgreSQL refuses, whose dead letter Kafka has not taken when alert-service is killed (SIGKILL)
 * after the rest of its batch was stored: the broker is away meanwhile, so the batch's offsets are not committed.
 * Its partition's stored position has passed it, so the restarted service reads the batch again as stored; the
 * record is still dead-lettered, exactly as received, once.
 */
class DeadLetterCrashIT {

    private static final String HOST = "dlq-crash";
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private final CrashTestProcesses processes = new CrashTestProcesses();

    @AfterEach
    void stopEverything() {
        processes.close();
    }

    @Test
    void aRefusedRecordIsDeadLetteredAfterACrashThatCameBeforeKafkaTookIt() throws Exception {
        KafkaBroker broker = processes.broker();
        JwtKeys keys = JwtKeys.generate(Path.of("target", "jwt-dead-letter-crash"));
        PostgresDatabase database = PostgresDatabase.fresh("alert_dead_letter_crash_it", "alert");
        Map<String, String> config = new HashMap<>(ServiceProcess.ALERT_KILLED_QUICKLY);
        config.putAll(Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "mp.jwt.verify.publickey.location", keys.publicKey().toString()));
        ServiceProcess first = processes.startReady("alert-service", config);

        byte[] refused = event(ListenerEventType.OPENED, 548);
        byte[] stored = event(ListenerEventType.OPENED, 29007);
        try (Connection sql = DriverManager.getConnection(database.jdbcUrl(), database.owner(), database.password())) {
            execute(sql, "CREATE FUNCTION refuse_afp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "RAISE EXCEPTION 'refused for the test' USING ERRCODE = '22023'; END $$");
            execute(sql, "CREATE TRIGGER refuse_afp BEFORE INSERT ON finding FOR EACH ROW"
                    + " WHEN (NEW.host_id = '" + HOST + "' AND NEW.port = 548) EXECUTE FUNCTION refuse_afp()");
            sql.setAutoCommit(false);
            // The store transaction waits for this lock while the broker goes: the dead letter cannot reach it.
            execute(sql, "LOCK TABLE listener_position IN EXCLUSIVE MODE");
            try (TopicWriter writer = new TopicWriter(broker.bootstrapServers())) {
                writer.sendTogether(Topics.LISTENERS, HOST, List.of(refused, stored));
            }
            await().atMost(DEADLINE).until(() -> waitersFor(sql) > 0);
            broker.stop();
            sql.rollback();
        }
        // The later record stored: its partition's position is past the refused one, whose dead letter waits for Kafka.
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> AlertApi.findings(first.httpPort()).stream()
                .anyMatch(finding -> HOST.equals(finding.hostId()) && finding.port() == 29007));
        first.kill();
        broker.startAgain();
        processes.startReady("alert-service", config);

        try (TopicReader dlq = new TopicReader(broker.bootstrapServers(), Topics.LISTENERS_DLQ)) {
            List<ConsumerRecord<String, byte[]>> dead = await().atMost(DEADLINE).until(
                    () -> dlq.poll().stream().filter(record -> HOST.equals(record.key())).toList(), records -> !records.isEmpty());
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).value()).as("exactly as received").isEqualTo(refused);
            assertThat(new String(dead.get(0).headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                    .startsWith("could not be stored: ").contains("refused for the test");
            assertThat(dlq.readToEnd(DEADLINE).stream().filter(record -> HOST.equals(record.key()))).as("once").hasSize(1);
        }
    }

    private static byte[] event(ListenerEventType type, int port) {
        Listener listener = new Listener(Transport.TCP, "0.0.0.0", port, 4, Exposure.ALL_INTERFACES, null, null);
        return EventJson.toBytes(new ListenerEvent(UUID.randomUUID().toString(), type, Instant.now(),
                new ProbeInfo("dead-letter-crash-test", "test", ProbeMode.HOST), new HostInfo(HOST, HOST, List.of()), List.of(listener)));
    }

    private static void execute(Connection sql, String statement) throws SQLException {
        try (Statement run = sql.createStatement()) {
            run.execute(statement);
        }
    }

    private static long waitersFor(Connection sql) throws SQLException {
        try (Statement query = sql.createStatement();
                ResultSet waiting = query.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted"
                        + " AND relation = 'listener_position'::regclass")) {
            return waiting.next() ? waiting.getLong(1) : 0;
        }
    }
}
