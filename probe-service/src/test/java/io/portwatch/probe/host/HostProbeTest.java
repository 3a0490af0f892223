package io.portwatch.probe.host;

import io.portwatch.events.Topics;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.testing.KafkaBrokerResource;
import io.portwatch.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

/** Host mode against the real /proc of the test machine and a real broker; listeners on loopback only. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class HostProbeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void seesTcpAndUdpListenersTheTestOpens() throws IOException {
        try (ServerSocket tcp = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            String tcpEndpoint = "tcp/127.0.0.1:" + tcp.getLocalPort();
            String udpEndpoint = "udp/127.0.0.1:" + udp.getLocalPort();

            await().atMost(DEADLINE).untilAsserted(() -> get("/api/v1/listeners").then()
                    .statusCode(200)
                    .body("findAll { it.port == " + tcp.getLocalPort() + " }.transport", hasItem("tcp"))
                    .body("findAll { it.port == " + udp.getLocalPort() + " }.transport", hasItem("udp"))
                    .body("find { it.port == " + tcp.getLocalPort() + " }.exposure", org.hamcrest.Matchers.equalTo("LOOPBACK")));

            try (TopicReader reader = new TopicReader(bootstrapServers, Topics.LISTENERS)) {
                ConsumerRecord<String, byte[]> opened = awaitEvent(reader, ListenerEventType.OPENED, tcpEndpoint);
                ListenerEvent event = EventJson.fromBytes(opened.value(), ListenerEvent.class);
                assertThat(opened.key()).isEqualTo(event.host().id());
                assertThat(event.listeners().get(0).process().pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(event.listeners().get(0).process().name()).isEqualTo("java");
                assertThat(event.probe().mode()).isEqualTo(ProbeMode.HOST);
                assertThat(CloudEvent.from(opened.headers()).type()).isEqualTo("portwatch.listener.opened");
                awaitEvent(reader, ListenerEventType.OPENED, udpEndpoint);

                tcp.close();

                ConsumerRecord<String, byte[]> closed = awaitEvent(reader, ListenerEventType.CLOSED, tcpEndpoint);
                assertThat(CloudEvent.from(closed.headers()).type()).isEqualTo("portwatch.listener.closed");
            }
        }
    }

    @Test
    void firstScanIsPublishedAsASnapshot() {
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.LISTENERS)) {
            ConsumerRecord<String, byte[]> snapshot = await().atMost(DEADLINE)
                    .until(() -> reader.poll().stream()
                            .filter(record -> EventJson.fromBytes(record.value(), ListenerEvent.class).type() == ListenerEventType.SNAPSHOT)
                            .findFirst(), Optional::isPresent)
                    .orElseThrow();

            assertThat(EventJson.fromBytes(snapshot.value(), ListenerEvent.class).listeners()).isNotEmpty();
        }
    }

    private static ConsumerRecord<String, byte[]> awaitEvent(TopicReader reader, ListenerEventType type, String endpoint) {
        return await().atMost(DEADLINE).until(() -> reader.poll().stream()
                .filter(record -> matches(EventJson.fromBytes(record.value(), ListenerEvent.class), type, endpoint))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    private static boolean matches(ListenerEvent event, ListenerEventType type, String endpoint) {
        return event.type() == type && event.listeners().stream().map(Listener::endpoint).anyMatch(endpoint::equals);
    }
}
