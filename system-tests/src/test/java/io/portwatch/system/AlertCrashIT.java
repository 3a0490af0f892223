package io.portwatch.system;

import io.portwatch.events.Topics;
import io.portwatch.events.json.CloudEvent;
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
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * alert-service killed with SIGKILL twice while it works through a backlog of listener events: after
 * the restarts every finding change in the database is on {@code portwatch.alerts} exactly once, and
 * nothing else is.
 */
class AlertCrashIT {

    private static final int HOSTS = 300;
    private static final int EVENTS = 6_000;
    private static final int[] PORTS = {311, 3031, 548, 427, 5900, 22};

    private final List<ServiceProcess> services = new ArrayList<>();
    private KafkaBroker broker;

    @AfterEach
    void stopEverything() {
        services.forEach(ServiceProcess::close);
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void everyFindingChangeIsPublishedExactlyOnceAcrossCrashes() throws Exception {
        broker = KafkaBroker.start(Path.of("target"));
        JwtKeys keys = JwtKeys.generate(Path.of("target", "jwt-alert-crash"));
        String kafka = broker.bootstrapServers();
        start("registry-service", Map.of("kafka.bootstrap.servers", kafka,
                "quarkus.datasource.jdbc.url", PostgresDatabase.fresh("registry_alert_crash_it", "registry").jdbcUrl(),
                "mp.jwt.verify.publickey.location", keys.publicKey().toString()));
        Map<String, String> alertConfig = Map.of("kafka.bootstrap.servers", kafka,
                "quarkus.datasource.jdbc.url", PostgresDatabase.fresh("alert_crash_it", "alert").jdbcUrl(),
                "mp.jwt.verify.publickey.location", keys.publicKey().toString(),
                "mp.messaging.incoming.listeners.max.poll.records", "200",
                // A killed consumer holds its partitions until its session times out: 6 s instead of 45 s.
                "mp.messaging.incoming.listeners.session.timeout.ms", "6000");
        writeBacklog(kafka);

        for (int crash = 0; crash < 2; crash++) {
            ServiceProcess alert = start("alert-service", alertConfig);
            long before = findingCount(alert);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> findingCount(alert) > before);
            alert.kill();
        }
        ServiceProcess alert = start("alert-service", alertConfig);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> lag(kafka) == 0);

        Map<String, Long> expected = expectedChanges(alert);
        try (TopicReader reader = new TopicReader(kafka, Topics.ALERTS)) {
            Map<String, Long> published = await().atMost(Duration.ofSeconds(60)).until(
                    () -> reader.readToEnd(Duration.ofSeconds(30)).stream()
                            .map(record -> CloudEvent.from(record.headers()).id())
                            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())),
                    counts -> counts.keySet().containsAll(expected.keySet()));

            assertThat(expected).isNotEmpty();
            assertThat(published).isEqualTo(expected);
        }
    }

    private ServiceProcess start(String module, Map<String, String> config) {
        ServiceProcess service = ServiceProcess.start(module, config);
        services.add(service);
        return service.awaitReady();
    }

    private static void writeBacklog(String kafka) {
        Random random = new Random(7);
        boolean[][] open = new boolean[HOSTS][PORTS.length];
        try (TopicWriter writer = new TopicWriter(kafka)) {
            for (int n = 0; n < EVENTS; n++) {
                int host = n % HOSTS;
                int port = random.nextInt(PORTS.length);
                open[host][port] = !open[host][port];
                Listener listener = new Listener(Transport.TCP, "0.0.0.0", PORTS[port], 4, Exposure.ALL_INTERFACES, null, null);
                ListenerEvent event = new ListenerEvent(UUID.randomUUID().toString(),
                        open[host][port] ? ListenerEventType.OPENED : ListenerEventType.CLOSED, Instant.now(),
                        new ProbeInfo("crash-test", "test", ProbeMode.HOST), new HostInfo("crash-" + host, "crash-" + host, List.of()),
                        List.of(listener));
                writer.send(Topics.LISTENERS, event.host().id(), EventJson.toBytes(event), List.of());
            }
        }
    }

    private static long findingCount(ServiceProcess alert) {
        return given().port(alert.httpPort()).queryParam("size", 1).get("/api/v1/findings").then().statusCode(200)
                .extract().<Integer>path("totalItems").longValue();
    }

    /** Every {@code findingId@version} the database holds, each expected once. */
    private static Map<String, Long> expectedChanges(ServiceProcess alert) {
        Map<String, Long> expected = new HashMap<>();
        int page = 0;
        int pages;
        do {
            var response = given().port(alert.httpPort()).queryParam("size", 100).queryParam("page", page)
                    .get("/api/v1/findings").then().statusCode(200).extract();
            List<String> ids = response.path("items.findingId");
            List<Integer> versions = response.path("items.version");
            for (int i = 0; i < ids.size(); i++) {
                for (int version = 1; version <= versions.get(i); version++) {
                    expected.put(ids.get(i) + "@" + version, 1L);
                }
            }
            pages = response.path("totalPages");
            page++;
        } while (page < pages);
        return expected;
    }

    private static long lag(String kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("alert-service")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < 6; partition++) {
                latest.put(new TopicPartition(Topics.LISTENERS, partition), OffsetSpec.latest());
            }
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        }
    }
}
