package io.portwatch.system;

import io.portwatch.events.Topics;
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
import io.portwatch.testing.TopicWriter;
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

    private final CrashTestProcesses processes = new CrashTestProcesses();

    @AfterEach
    void stopEverything() {
        processes.close();
    }

    @Test
    void everyFindingChangeIsPublishedExactlyOnceAcrossCrashes() throws Exception {
        KafkaBroker broker = processes.broker();
        JwtKeys keys = JwtKeys.generate(Path.of("target", "jwt-alert-crash"));
        String kafka = broker.bootstrapServers();
        start("registry-service", Map.of("kafka.bootstrap.servers", kafka,
                "quarkus.datasource.jdbc.url", PostgresDatabase.fresh("registry_alert_crash_it", "registry").jdbcUrl(),
                "mp.jwt.verify.publickey.location", keys.publicKey().toString()));
        Map<String, String> alertConfig = new HashMap<>(ServiceProcess.ALERT_KILLED_QUICKLY);
        alertConfig.putAll(Map.of("kafka.bootstrap.servers", kafka,
                "quarkus.datasource.jdbc.url", PostgresDatabase.fresh("alert_crash_it", "alert").jdbcUrl(),
                "mp.jwt.verify.publickey.location", keys.publicKey().toString(),
                "portwatch.alert.listeners.max-poll-records", "200"));
        writeBacklog(kafka);

        for (int crash = 0; crash < 2; crash++) {
            ServiceProcess alert = start("alert-service", alertConfig);
            long before = AlertApi.count(alert.httpPort());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> AlertApi.count(alert.httpPort()) > before);
            alert.kill();
        }
        ServiceProcess alert = start("alert-service", alertConfig);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> AlertsTopic.listenerLag(kafka) == 0);

        Map<String, Long> expected = AlertApi.changes(AlertApi.findings(alert.httpPort()));
        Map<String, Long> published = await().atMost(Duration.ofSeconds(60)).until(() -> AlertsTopic.published(kafka),
                counts -> counts.keySet().containsAll(expected.keySet()));

        assertThat(expected).isNotEmpty();
        assertThat(published).isEqualTo(expected);
    }

    private ServiceProcess start(String module, Map<String, String> config) {
        return processes.startReady(module, config);
    }

    private static void writeBacklog(String kafka) {
        Random random = new Random(7);
        boolean[][] open = new boolean[HOSTS][PORTS.length];
        List<TopicWriter.Keyed> backlog = new ArrayList<>();
        for (int n = 0; n < EVENTS; n++) {
            int host = n % HOSTS;
            int port = random.nextInt(PORTS.length);
            open[host][port] = !open[host][port];
            Listener listener = new Listener(Transport.TCP, "0.0.0.0", PORTS[port], 4, Exposure.ALL_INTERFACES, null, null);
            ListenerEvent event = new ListenerEvent(UUID.randomUUID().toString(),
                    open[host][port] ? ListenerEventType.OPENED : ListenerEventType.CLOSED, Instant.now(),
                    new ProbeInfo("crash-test", "test", ProbeMode.HOST), new HostInfo("crash-" + host, "crash-" + host, List.of()),
                    List.of(listener));
            backlog.add(new TopicWriter.Keyed(event.host().id(), EventJson.toBytes(event)));
        }
        try (TopicWriter writer = new TopicWriter(kafka)) {
            writer.sendAll(Topics.LISTENERS, backlog);
        }
    }
}
