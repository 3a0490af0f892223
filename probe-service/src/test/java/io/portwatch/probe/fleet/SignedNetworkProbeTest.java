package io.portwatch.probe.fleet;

import io.portwatch.events.Topics;
import io.portwatch.events.fleet.ProbeHeartbeat;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.PortSet;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.events.listener.SnapshotScope;
import io.portwatch.probe.Tokens;
import io.portwatch.simulators.SimulatorOptions;
import io.portwatch.simulators.Simulators;
import io.portwatch.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A network-mode probe whose state file holds its identity, while alert-service refuses every enrolment: it signs
 * with the saved identity, and a scan of a loopback simulator gives signed OPENED and scoped SNAPSHOT events for
 * {@code <address>@<zone>}, and heartbeats that report the scan.
 */
@QuarkusTest
@TestProfile(SignedNetworkProbeTest.SavedIdentity.class)
class SignedNetworkProbeTest {

    /** The network profile of {@link FakeAlertServiceResource}. */
    public static class SavedIdentity implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeAlertServiceResource.class, Map.of("mode", "network")));
        }
    }

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ProbeInfo PROBE = new ProbeInfo(FakeAlertServiceResource.SAVED_PROBE, FakeAlertServiceResource.NETWORK_ZONE,
            ProbeMode.NETWORK);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aScanGivesSignedEventsForTheAddressInItsZoneAndAScopedSnapshot() {
        String address = "127.0." + ThreadLocalRandom.current().nextInt(1, 250) + "." + ThreadLocalRandom.current().nextInt(2, 250);
        String hostId = address + "@" + FakeAlertServiceResource.NETWORK_ZONE;
        Instant before = Instant.now();
        try (Simulators ignored = Simulators.start(SimulatorOptions.parse("--bind", address, "--services", "eppc"));
             TopicReader listeners = new TopicReader(bootstrapServers, Topics.LISTENERS);
             TopicReader heartbeats = new TopicReader(bootstrapServers, Topics.PROBE_HEARTBEATS)) {
            String id = given().auth().oauth2(Tokens.operator())
                    .contentType("application/json")
                    .body("{\"targets\":[\"" + address + "\"],\"ports\":\"3031-3032\",\"transports\":[\"tcp\"],\"evidence\":false}")
                    .post("/api/v1/scans").then().statusCode(202).extract().path("id");

            List<ConsumerRecord<String, byte[]>> records = await().atMost(DEADLINE).until(() -> ofHost(listeners, hostId),
                    polled -> polled.stream().anyMatch(record -> event(record).type() == ListenerEventType.SNAPSHOT));

            assertThat(records).extracting(record -> event(record).type())
                    .containsExactly(ListenerEventType.OPENED, ListenerEventType.SNAPSHOT);
            assertThat(records).allSatisfy(record -> {
                SignedRecords.assertSignedBy(FakeAlertServiceResource.SAVED_PROBE, record);
                assertThat(event(record).probe()).isEqualTo(PROBE);
                assertThat(event(record).host()).isEqualTo(new HostInfo(hostId, address, List.of(address)));
            });
            ListenerEvent snapshot = event(records.get(1));
            assertThat(snapshot.scope()).isEqualTo(new SnapshotScope(List.of(new PortSet(Transport.TCP, "3031-3032"))));
            assertThat(snapshot.listeners()).extracting(Listener::port).containsExactly(3031);
            given().auth().oauth2(Tokens.operator())
                    .get("/api/v1/scans/{id}", id).then().body("state", equalTo("DONE"));

            ConsumerRecord<String, byte[]> reported = await().atMost(DEADLINE).until(() -> heartbeats.poll().stream()
                    .filter(record -> heartbeat(record).lastScanAt() != null && heartbeat(record).lastScanAt().isAfter(before))
                    .findFirst(), java.util.Optional::isPresent).orElseThrow();
            SignedRecords.assertSignedBy(FakeAlertServiceResource.SAVED_PROBE, reported);
            ProbeHeartbeat heartbeat = heartbeat(reported);
            assertThat(reported.key()).isEqualTo(FakeAlertServiceResource.SAVED_PROBE);
            assertThat(heartbeat.node()).isEqualTo(FakeAlertServiceResource.NETWORK_NODE);
            assertThat(heartbeat.mode()).isEqualTo(ProbeMode.NETWORK);
            assertThat(heartbeat.zone()).isEqualTo(FakeAlertServiceResource.NETWORK_ZONE);
            assertThat(heartbeat.scopes()).containsExactly(FakeAlertServiceResource.NETWORK_SCOPE);
            assertThat(heartbeat.bufferedEvents()).isNotNegative();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> ofHost(TopicReader reader, String hostId) {
        return reader.poll().stream().filter(record -> hostId.equals(record.key())).toList();
    }

    private static ListenerEvent event(ConsumerRecord<String, byte[]> record) {
        return EventJson.fromBytes(record.value(), ListenerEvent.class);
    }

    private static ProbeHeartbeat heartbeat(ConsumerRecord<String, byte[]> record) {
        return EventJson.fromBytes(record.value(), ProbeHeartbeat.class);
    }
}
