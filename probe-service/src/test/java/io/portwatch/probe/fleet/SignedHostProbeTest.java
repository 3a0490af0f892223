package io.portwatch.probe.fleet;

import io.portwatch.events.Topics;
import io.portwatch.events.contract.ProbeHeartbeatContract;
import io.portwatch.events.fleet.ProbeHeartbeat;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.listener.HostIds;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.probe.Tokens;
import io.portwatch.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A host-mode probe whose state file holds another node's identity, enrolled with a (scripted) alert-service that
 * fails its first attempt: it enrols on the retry, saves its own identity in place of the other, and every record it writes, listener events and heartbeats, is signed with its key and carries
 * its enrolled id; records read back from the real broker and checked with {@code RecordSignature.verify}.
 */
@QuarkusTest
@TestProfile(SignedHostProbeTest.Enrolled.class)
class SignedHostProbeTest {

    /** The host profile of {@link FakeAlertServiceResource}. */
    public static class Enrolled implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeAlertServiceResource.class, Map.of("mode", "host")));
        }
    }

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** The host-mode backend this probe reads with, as its events name it: proc, Linux's default. */
    protected String backend() {
        return ProbeInfo.PROC_BACKEND;
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "portwatch.probe.enrolment.state-file")
    Path stateFile;

    @Test
    void enrolsAfterAFailedAttemptAndSignsEveryListenerRecord() throws IOException {
        try (ServerSocket tcp = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             TopicReader reader = new TopicReader(bootstrapServers, Topics.LISTENERS)) {
            List<ConsumerRecord<String, byte[]>> records = await().atMost(DEADLINE).until(reader::poll, polled -> polled.stream()
                    .map(record -> EventJson.fromBytes(record.value(), ListenerEvent.class))
                    .anyMatch(event -> event.type() == ListenerEventType.OPENED && event.listeners().get(0).port() == tcp.getLocalPort()));

            assertThat(records).anySatisfy(record -> assertThat(event(record).type()).isEqualTo(ListenerEventType.SNAPSHOT));
            assertThat(records).allSatisfy(record -> {
                SignedRecords.assertSignedBy(FakeAlertServiceResource.HOST_PROBE, record);
                ListenerEvent event = event(record);
                assertThat(event.probe()).isEqualTo(new ProbeInfo(FakeAlertServiceResource.HOST_PROBE, "local", ProbeMode.HOST, backend()));
                assertThat(record.key()).isEqualTo(event.host().id());
                assertThat(HostIds.underNode(FakeAlertServiceResource.HOST_NODE, event.host().id())).as(event.host().id()).isTrue();
            });
        }
    }

    @Test
    void heartbeatsAreSignedKeyedByTheProbeIdAndKeepTheContract() {
        ProbeHeartbeatContract contract = new ProbeHeartbeatContract(Duration.ofMinutes(1), Duration.ofMinutes(5));
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.PROBE_HEARTBEATS)) {
            List<ConsumerRecord<String, byte[]>> records = await().atMost(DEADLINE).until(reader::poll, polled -> polled.stream()
                    .anyMatch(record -> heartbeat(record).lastScanAt() != null));

            assertThat(records).allSatisfy(record -> {
                SignedRecords.assertSignedBy(FakeAlertServiceResource.HOST_PROBE, record);
                ProbeHeartbeat heartbeat = heartbeat(record);
                assertThat(record.key()).isEqualTo(FakeAlertServiceResource.HOST_PROBE);
                assertThat(contract.violation(record.key(), heartbeat, Instant.ofEpochMilli(record.timestamp()))).isEmpty();
                assertThat(heartbeat.node()).isEqualTo(FakeAlertServiceResource.HOST_NODE);
                assertThat(heartbeat.mode()).isEqualTo(ProbeMode.HOST);
                assertThat(heartbeat.zone()).isEqualTo("local");
                assertThat(heartbeat.scopes()).isEmpty();
                assertThat(heartbeat.interval()).isEqualTo(Duration.ofSeconds(1));
                assertThat(heartbeat.version()).isNotBlank();
            });
            ProbeHeartbeat scanned = records.stream().map(SignedHostProbeTest::heartbeat).filter(heartbeat -> heartbeat.lastScanAt() != null)
                    .findFirst().orElseThrow();
            assertThat(scanned.lastScanDurationMs()).isNotNull().isNotNegative();
            assertThat(scanned.lastScanAt()).isBeforeOrEqualTo(scanned.sentAt());
        }
    }

    @Test
    void itsOwnIdentityReplacesAnotherNodesForTheOwnerOnlyAndReadinessSaysSigned() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile))).isEqualTo("rw-------");
        assertThat(new EnrolmentState(stateFile).read()).hasValueSatisfying(saved -> {
            assertThat(saved.probeId()).isEqualTo(FakeAlertServiceResource.HOST_PROBE);
            assertThat(saved.key()).isEqualTo(FakeAlertService.KEY);
            assertThat(saved.node()).isEqualTo(FakeAlertServiceResource.HOST_NODE);
        });
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'probe-enrolment' }.data.probeId", equalTo(FakeAlertServiceResource.HOST_PROBE))
                .body("checks.find { it.name == 'probe-enrolment' }.data.signed", equalTo(true));
    }

    @Test
    void aHostModeIdentityRefusesNetworkScans() {
        given().auth().oauth2(Tokens.operator())
                .contentType("application/json").body("{\"targets\":[\"127.0.0.1\"],\"ports\":\"22\"}")
                .post("/api/v1/scans").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("enrolled in host mode"));
        given().get("/api/v1/listeners").then().statusCode(200).body("address", hasItem("127.0.0.1"));
    }

    private static ListenerEvent event(ConsumerRecord<String, byte[]> record) {
        return EventJson.fromBytes(record.value(), ListenerEvent.class);
    }

    private static ProbeHeartbeat heartbeat(ConsumerRecord<String, byte[]> record) {
        return EventJson.fromBytes(record.value(), ProbeHeartbeat.class);
    }
}
