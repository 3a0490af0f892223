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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener record PostgreSQL refuses, whose dead letter Kafka has not taken when alert-service is killed (SIGKILL)
 * after the rest of its batch was stored: the broker is away meanwhile, so the batch's offsets are not committed.
 * Its partition's stored position has passed it, so the restarted service reads the batch again as stored; the
 * record is still dead-lettered, exactly as received, once. Gone from the topic before the restart (its records
 * deleted, as retention does), it cannot be: its dead letter is counted as lost, and what was kept of it deleted.
 */
class DeadLetterCrashIT {

    private static final String HOST = "dlq-crash";
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private final CrashTestProcesses processes = new CrashTestProcesses();

    @AfterEach
    void stopEverything() {
        processes.close();
    }

    /** A service killed with a refused record's dead letter not taken, and the broker started again. */
    private record Crashed(KafkaBroker broker, PostgresDatabase database, Map<String, String> config, byte[] refused) {
    }

    @Test
    void aRefusedRecordIsDeadLetteredAfterACrashThatCameBeforeKafkaTookIt() throws Exception {
        Crashed crashed = crashBeforeKafkaTookADeadLetter("alert_dead_letter_crash_it");
        processes.startReady("alert-service", crashed.config());

        try (TopicReader dlq = new TopicReader(crashed.broker().bootstrapServers(), Topics.LISTENERS_DLQ)) {
            List<ConsumerRecord<String, byte[]>> dead = await().atMost(DEADLINE).until(
                    () -> dlq.poll().stream().filter(record -> HOST.equals(record.key())).toList(), records -> !records.isEmpty());
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).value()).as("exactly as received").isEqualTo(crashed.refused());
            assertThat(new String(dead.get(0).headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                    .startsWith("could not be stored: ").contains("refused for the test");
            assertThat(dlq.readToEnd(DEADLINE).stream().filter(record -> HOST.equals(record.key()))).as("once").hasSize(1);
        }
    }

    @Test
    void aRefusedRecordGoneFromTheTopicBeforeTheRestartIsCountedAsLost() throws Exception {
        Crashed crashed = crashBeforeKafkaTookADeadLetter("alert_dead_letter_gone_it");
        PostgresDatabase database = crashed.database();
        TopicPartition partition;
        long offset;
        try (Connection sql = DriverManager.getConnection(database.jdbcUrl(), database.owner(), database.password());
                Statement query = sql.createStatement();
                ResultSet kept = query.executeQuery("SELECT partition, record_offset FROM listener_refused_record")) {
            assertThat(kept.next()).as("the refused record is kept").isTrue();
            partition = new TopicPartition(Topics.LISTENERS, kept.getInt(1));
            offset = kept.getLong(2);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, crashed.broker().bootstrapServers()))) {
            // Both records of the batch, the refused one first.
            admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(offset + 2))).all().get();
        }
        ServiceProcess restarted = processes.startReady("alert-service", crashed.config());
        // What is kept is read at the first batch after an assignment: any host's next event brings one.
        try (TopicWriter writer = new TopicWriter(crashed.broker().bootstrapServers())) {
            writer.sendTogether(Topics.LISTENERS, HOST + "-next", List.of(event(HOST + "-next", ListenerEventType.OPENED, 29007)));
        }

        await().atMost(DEADLINE).until(() -> lostDeadLetters(restarted) == 1 && keptRecords(database) == 0);
        try (TopicReader dlq = new TopicReader(crashed.broker().bootstrapServers(), Topics.LISTENERS_DLQ)) {
            assertThat(dlq.readToEnd(DEADLINE).stream().filter(record -> HOST.equals(record.key()))).isEmpty();
        }
    }

    /**
     * Starts alert-service, writes a batch of two records whose first PostgreSQL refuses, stops the broker while the
     * batch waits for a lock, kills the service once the second is stored, and starts the broker again.
     */
    private Crashed crashBeforeKafkaTookADeadLetter(String databaseName) throws Exception {
        KafkaBroker broker = processes.broker();
        JwtKeys keys = JwtKeys.generate(Path.of("target", "jwt-" + databaseName));
        PostgresDatabase database = PostgresDatabase.fresh(databaseName, "alert");
        Map<String, String> config = new HashMap<>(ServiceProcess.ALERT_KILLED_QUICKLY);
        config.putAll(Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "mp.jwt.verify.publickey.location", keys.publicKey().toString()));
        ServiceProcess first = processes.startReady("alert-service", config);

        byte[] refused = event(HOST, ListenerEventType.OPENED, 548);
        byte[] stored = event(HOST, ListenerEventType.OPENED, 29007);
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
        return new Crashed(broker, database, config, refused);
    }

    /** The dead letters of listener records the service counted as lost. */
    private static double lostDeadLetters(ServiceProcess alert) {
        String counter = "portwatch_alert_dead_letters_undelivered_total{topic=\"" + Topics.LISTENERS_DLQ + "\"} ";
        return given().port(alert.healthPort()).get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(counter)).mapToDouble(line -> Double.parseDouble(line.substring(counter.length())))
                .sum();
    }

    private static long keptRecords(PostgresDatabase database) throws SQLException {
        try (Connection sql = DriverManager.getConnection(database.jdbcUrl(), database.owner(), database.password());
                Statement query = sql.createStatement();
                ResultSet kept = query.executeQuery("SELECT count(*) FROM listener_refused_record")) {
            return kept.next() ? kept.getLong(1) : -1;
        }
    }

    private static byte[] event(String host, ListenerEventType type, int port) {
        Listener listener = new Listener(Transport.TCP, "0.0.0.0", port, 4, Exposure.ALL_INTERFACES, null, null);
        return EventJson.toBytes(new ListenerEvent(UUID.randomUUID().toString(), type, Instant.now(),
                new ProbeInfo("dead-letter-crash-test", "test", ProbeMode.HOST), new HostInfo(host, host, List.of()), List.of(listener)));
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
