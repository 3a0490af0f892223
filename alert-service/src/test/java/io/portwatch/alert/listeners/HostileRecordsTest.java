package io.portwatch.alert.listeners;

import io.agroal.api.AgroalDataSource;
import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.events.Topics;
import io.portwatch.events.contract.DeadLetterHeaders;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records a hostile producer (or a hostile scanned service, through a probe) can put on the consumed topics: each
 * goes to its dead-letter topic exactly as received, the records around it are processed, and the service stays up.
 */
@QuarkusTest
class HostileRecordsTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final String RULE = "legacy-service-exposed";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    private AlertFlow flow;

    @BeforeEach
    void knowledgeIsPublished() {
        flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
    }

    @AfterEach
    void close() {
        flow.close();
    }

    @Test
    void everyPoisonOfTheListenerTopicIsDeadLetteredAsReceivedAndTheRestFlows() {
        Listener exposed = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put("hostile-nul", json(Fixtures.event(ListenerEventType.OPENED, "hostile-nul", Fixtures.withEvidence(exposed,
                new Evidence("http", 18, 60, null, false, 401, "pw\u0000x", "Basic")))));
        poison.put("hostile-esc", json(Fixtures.event(ListenerEventType.OPENED, "hostile-esc",
                Fixtures.owned(exposed, "a\u001b[2K\u001b[8m"))));
        String longId = "h".repeat(256);
        poison.put(longId, json(Fixtures.event(ListenerEventType.OPENED, longId, exposed)));
        poison.put("hostile-zone", json(new ListenerEvent(UUID.randomUUID().toString(), ListenerEventType.OPENED, Instant.now(),
                new ProbeInfo("p", "z".repeat(300), ProbeMode.HOST), Fixtures.host("hostile-zone"), List.of(exposed))));
        poison.put("hostile-future", json(Fixtures.eventAt(Instant.parse("+300000-01-01T00:00:00Z"), ListenerEventType.OPENED,
                "hostile-future", exposed)));
        poison.put("hostile-2100", json(Fixtures.eventAt(Instant.parse("2100-01-01T00:00:00Z"), ListenerEventType.SNAPSHOT,
                "hostile-2100", exposed)));
        poison.put("hostile-json-null", "null".getBytes(StandardCharsets.UTF_8));
        poison.put("hostile-tombstone", null);
        poison.put("hostile-not-its-key", json(Fixtures.event(ListenerEventType.OPENED, "someone-else", exposed)));
        poison.put("hostile-many", json(snapshotOf("hostile-many", 10_001)));
        byte[] random = new byte[4_096];
        new Random(20_261_130L).nextBytes(random);
        poison.put("hostile-random", random);

        try (TopicReader dlq = new TopicReader(bootstrapServers, Topics.LISTENERS_DLQ)) {
            poison.forEach(flow::publishRaw);
            flow.publish(Fixtures.event(ListenerEventType.OPENED, "hostile-after", exposed));

            flow.awaitFinding("hostile-after", AFP, RULE, FindingState.OPEN);
            Map<String, ConsumerRecord<String, byte[]>> dead = new LinkedHashMap<>();
            await().atMost(DEADLINE).until(() -> {
                dlq.poll().stream().filter(record -> poison.containsKey(record.key())).forEach(record -> dead.put(record.key(), record));
                return dead.size() == poison.size();
            });
            poison.forEach((key, value) -> {
                assertThat(dead.get(key).value()).as(key + " exactly as received").isEqualTo(value);
                assertThat(dead.get(key).headers().lastHeader(DeadLetterHeaders.REASON)).as(key + " reason").isNotNull();
            });
            assertThat(reason(dead.get("hostile-nul"))).isEqualTo("listeners[0].evidence.httpServer holds a control character");
            assertThat(reason(dead.get(longId))).startsWith("host.id is 256 characters long");
            assertThat(reason(dead.get("hostile-2100"))).contains("after the record's broker time");
            assertThat(reason(dead.get("hostile-many"))).isEqualTo("listeners holds 10001 items, more than 10000");
        }
        get("/q/health/live").then().statusCode(200);
    }

    @Test
    void anEventThePostgresRefusesIsIsolatedAndTheRestOfItsBatchIsStored() throws SQLException {
        Listener exposed = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
        // A value PostgreSQL refuses whatever the contract let through: here a trigger raises a data exception.
        execute("CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "RAISE EXCEPTION 'refused for the test' USING ERRCODE = '22023'; END $$",
                "CREATE TRIGGER refuse_poison BEFORE INSERT ON finding FOR EACH ROW WHEN (NEW.host_id = 'db-poison') "
                        + "EXECUTE FUNCTION refuse_poison()");
        try (TopicReader dlq = new TopicReader(bootstrapServers, Topics.LISTENERS_DLQ)) {
            List<String> hosts = IntStream.range(0, 20).mapToObj(i -> "db-good-" + i).toList();
            hosts.subList(0, 10).forEach(host -> flow.publish(Fixtures.event(ListenerEventType.OPENED, host, exposed)));
            flow.publish(Fixtures.event(ListenerEventType.OPENED, "db-poison", exposed));
            hosts.subList(10, 20).forEach(host -> flow.publish(Fixtures.event(ListenerEventType.OPENED, host, exposed)));

            hosts.forEach(host -> flow.awaitFinding(host, AFP, RULE, FindingState.OPEN));
            ConsumerRecord<String, byte[]> dead = await().atMost(DEADLINE).until(() -> dlq.poll().stream()
                    .filter(record -> "db-poison".equals(record.key())).findFirst(), java.util.Optional::isPresent).orElseThrow();
            assertThat(reason(dead)).startsWith("could not be stored: ").contains("refused for the test");
            // Kept until Kafka took its dead letter (for a batch read again before that), then forgotten.
            await().atMost(DEADLINE).until(() -> keptAsRefused(header(dead, DeadLetterHeaders.ORIGINAL_PARTITION),
                    header(dead, DeadLetterHeaders.ORIGINAL_OFFSET)) == 0);
            get("/q/health/live").then().statusCode(200);
        } finally {
            execute("DROP TRIGGER refuse_poison ON finding", "DROP FUNCTION refuse_poison()");
        }
    }

    @Test
    void theEventsOfAHostSettledOnARefusedEventOfTheirBatchAreDeadLetteredWithIt() throws SQLException {
        String host = "db-poison-settled";
        Listener marker = Fixtures.listener(new PortKey(Transport.TCP, 29006), "0.0.0.0", Exposure.ALL_INTERFACES);
        Listener exposed = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
        execute("CREATE OR REPLACE FUNCTION refuse_afp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "RAISE EXCEPTION 'refused for the test' USING ERRCODE = '22023'; END $$",
                "CREATE TRIGGER refuse_afp BEFORE INSERT ON finding FOR EACH ROW WHEN (NEW.host_id = '" + host + "' AND NEW.port = 548) "
                        + "EXECUTE FUNCTION refuse_afp()");
        try (TopicReader dlq = new TopicReader(bootstrapServers, Topics.LISTENERS_DLQ)) {
            // The host is settled (its marker's finding stored), so a later batch's SNAPSHOT can settle on its OPENED.
            Instant start = Instant.now();
            flow.publish(Fixtures.eventAt(start, ListenerEventType.SNAPSHOT, host, marker));
            flow.awaitFinding(host, marker.portKey(), "unassigned-port-listener", FindingState.OPEN);
            ListenerEvent refused = Fixtures.eventAt(start.plusMillis(1), ListenerEventType.OPENED, host, exposed);
            ListenerEvent settledOnIt = Fixtures.eventAt(start.plusMillis(2), ListenerEventType.SNAPSHOT, host, marker, exposed);
            // One batch: the SNAPSHOT settles on what the OPENED would leave, so it must not pass for stored either.
            flow.publishTogether(refused, settledOnIt);

            List<ConsumerRecord<String, byte[]>> dead = await().atMost(DEADLINE).until(
                    () -> dlq.poll().stream().filter(record -> host.equals(record.key())).toList(), records -> records.size() >= 2);
            assertThat(dead).extracting(record -> EventJson.fromBytes(record.value(), ListenerEvent.class).eventId())
                    .containsExactly(refused.eventId(), settledOnIt.eventId());
            assertThat(reason(dead.get(0))).startsWith("could not be stored: ").contains("refused for the test");
            assertThat(reason(dead.get(1))).startsWith("settled on an earlier event of its host in the batch, which could not be stored: ")
                    .contains("refused for the test");
            get("/q/health/live").then().statusCode(200);
        } finally {
            execute("DROP TRIGGER refuse_afp ON finding", "DROP FUNCTION refuse_afp()");
        }
    }

    @Test
    void hostileKnowledgeIsDeadLetteredAndAStaleVersionChangesNothing() {
        PortKey slp = new PortKey(Transport.TCP, 427);
        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put("tcp/427", "null".getBytes(StandardCharsets.UTF_8));
        poison.put("tcp/9", json(Fixtures.knowledge(slp, ServiceStatus.LEGACY, Risk.HIGH)));
        poison.put("not-a-port", json(Fixtures.knowledge(slp, ServiceStatus.LEGACY, Risk.HIGH)));
        try (TopicReader dlq = new TopicReader(bootstrapServers, Topics.PORT_KNOWLEDGE_DLQ)) {
            poison.forEach((key, value) -> flow.publishKnowledgeRaw(key, value));
            flow.knowledge(2, Fixtures.knowledge(slp, ServiceStatus.LEGACY, Risk.HIGH));

            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                dlq.poll().stream().filter(record -> poison.containsKey(record.key())).forEach(dead::add);
                return dead.size() >= poison.size();
            });
            assertThat(dead).allSatisfy(record -> assertThat(record.value()).isEqualTo(poison.get(record.key())));
            assertThat(dead).extracting(HostileRecordsTest::reason)
                    .anySatisfy(reason -> assertThat(reason).isEqualTo("the record key is not tcp/427"));
        }
    }

    private long keptAsRefused(String partition, String offset) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM listener_refused_record WHERE partition = "
                        + Integer.parseInt(partition) + " AND record_offset = " + Long.parseLong(offset))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static ListenerEvent snapshotOf(String hostId, int listeners) {
        Listener[] many = IntStream.range(0, listeners)
                .mapToObj(i -> Fixtures.listener(new PortKey(Transport.TCP, i % 65_536), "10.0." + (i / 256 % 256) + "." + i % 256,
                        Exposure.SPECIFIC))
                .toArray(Listener[]::new);
        return new ListenerEvent(UUID.randomUUID().toString(), ListenerEventType.SNAPSHOT, Instant.now(),
                new ProbeInfo("p", "test", ProbeMode.HOST), new HostInfo(hostId, hostId, List.of()), Arrays.asList(many));
    }

    private static byte[] json(Object event) {
        return EventJson.toBytes(event);
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8);
    }
}
