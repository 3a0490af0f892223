package io.portwatch.probe.publish;

import io.portwatch.events.Topics;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.testing.InjectKafkaBroker;
import io.portwatch.testing.KafkaBroker;
import io.portwatch.testing.KafkaBrokerResource;
import io.portwatch.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

/** The probe through a real broker outage: it keeps scanning, counts what Kafka did not take, and sends a SNAPSHOT when it is back. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class KafkaOutageTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @InjectKafkaBroker
    KafkaBroker broker;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void probeKeepsScanningWhileKafkaIsAwayAndSendsASnapshotWhenItIsBack() throws IOException {
        double failedBefore = metric("portwatch_probe_listener_events_total{result=\"failed\"");
        broker.stop();
        try (ServerSocket openedDuringOutage = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = openedDuringOutage.getLocalPort();
            await().atMost(DEADLINE).untilAsserted(() -> get("/api/v1/listeners").then().body("port", hasItem(port)));
            await().atMost(DEADLINE).until(() -> metric("portwatch_probe_listener_events_total{result=\"failed\"") > failedBefore);

            broker.startAgain();

            try (TopicReader reader = new TopicReader(bootstrapServers, Topics.LISTENERS)) {
                ListenerEvent snapshot = await().atMost(DEADLINE).until(() -> reader.poll().stream()
                        .map(record -> EventJson.fromBytes(record.value(), ListenerEvent.class))
                        .filter(event -> event.type() == ListenerEventType.SNAPSHOT
                                && event.listeners().stream().anyMatch(listener -> listener.port() == port))
                        .findFirst(), java.util.Optional::isPresent).orElseThrow();
                assertThat(snapshot.listeners()).as("the full set, not only what changed").hasSizeGreaterThan(1);
            }
            await().atMost(DEADLINE).until(() -> metric("portwatch_probe_listener_buffered") == 0);
        } finally {
            broker.startAgain();
        }
    }

    private static double metric(String prefix) {
        return get("/q/metrics").then().extract().asString().lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
