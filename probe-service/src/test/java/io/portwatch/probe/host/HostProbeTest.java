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
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
                assertThat(event.probe().backend()).as("auto is proc on Linux").isEqualTo("proc");
                assertThat(CloudEvent.from(opened.headers()).type()).isEqualTo("portwatch.listener.opened");
                assertThat(CloudEvent.from(opened.headers()).contentType()).isEqualTo(CloudEvent.JSON);
                awaitEvent(reader, ListenerEventType.OPENED, udpEndpoint);

                tcp.close();

                ConsumerRecord<String, byte[]> closed = awaitEvent(reader, ListenerEventType.CLOSED, tcpEndpoint);
                assertThat(CloudEvent.from(closed.headers()).type()).isEqualTo("portwatch.listener.closed");
                assertThat(CloudEvent.from(closed.headers()).contentType()).isEqualTo(CloudEvent.JSON);
            }
        }
    }

    @Test
    void reportsEveryFamilyAndBindingWithItsExposure() throws IOException {
        try (ServerSocket tcp4Loopback = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             ServerSocket tcp6Wildcard = new ServerSocket(0, 50, InetAddress.getByName("::"));
             // A plain DatagramSocket on 0.0.0.0 would be a dual-stack udp6 socket on [::]; this one is IPv4 only.
             DatagramChannel udp4Wildcard = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress("0.0.0.0", 0));
             DatagramSocket udp6Loopback = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            Map<String, String> expected = Map.of(
                    "tcp/127.0.0.1:" + tcp4Loopback.getLocalPort(), "LOOPBACK",
                    "tcp/[::]:" + tcp6Wildcard.getLocalPort(), "ALL_INTERFACES",
                    "udp/0.0.0.0:" + ((InetSocketAddress) udp4Wildcard.getLocalAddress()).getPort(), "ALL_INTERFACES",
                    "udp/[::1]:" + udp6Loopback.getLocalPort(), "LOOPBACK");

            await().atMost(DEADLINE).untilAsserted(() -> {
                List<Listener> seen = List.of(get("/api/v1/listeners").then().statusCode(200).extract().as(Listener[].class));
                Map<String, Listener> byEndpoint = seen.stream().collect(Collectors.toMap(Listener::endpoint, listener -> listener,
                        (a, b) -> a));
                expected.forEach((endpoint, exposure) -> {
                    assertThat(byEndpoint).as("seen listeners").containsKey(endpoint);
                    assertThat(byEndpoint.get(endpoint).exposure().name()).as(endpoint).isEqualTo(exposure);
                    assertThat(byEndpoint.get(endpoint).process().pid()).as(endpoint).isEqualTo(ProcessHandle.current().pid());
                });
            });
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
            assertThat(CloudEvent.from(snapshot.headers()).contentType()).as("CloudEvents Kafka binding, binary mode").isEqualTo(CloudEvent.JSON);
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
