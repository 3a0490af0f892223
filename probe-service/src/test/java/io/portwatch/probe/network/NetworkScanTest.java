package io.portwatch.probe.network;

import io.portwatch.events.Topics;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.HostIds;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.PortSet;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.events.listener.SnapshotScope;
import io.portwatch.simulators.SimulatorOptions;
import io.portwatch.simulators.Simulators;
import io.portwatch.probe.Tokens;
import io.portwatch.testing.JwtKeysResource;
import io.portwatch.testing.KafkaBrokerResource;
import io.portwatch.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Network mode against the simulators on a loopback address of the test's own (127.0.0.x), scanned
 * through the API with the default allowlist (loopback only); events checked on the real broker.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(JwtKeysResource.class)
class NetworkScanTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** The zone of the test profile (application.properties). */
    private static final String ZONE = "local";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void seedServicesAreFoundWithTheirEvidence() {
        String address = loopbackAddress();
        try (Simulators ignored = Simulators.start(SimulatorOptions.parse("--bind", address));
             TopicReader reader = new TopicReader(bootstrapServers, Topics.LISTENERS)) {
            String id = startScan("{\"targets\":[\"" + address + "\"],\"ports\":\"311,3031,3283\",\"transports\":[\"tcp\",\"udp\"]}");

            ValidatableResponse done = awaitDone(id);
            done.body("probes", equalTo(6)).body("probed", equalTo(6))
                    .body("results[0].address", equalTo(address))
                    .body("results[0].openFilteredUdp", equalTo(List.of(3031)))
                    .body("results[0].listeners", hasSize(4))
                    .body("results[0].listeners.find { it.transport == 'udp' && it.port == 3283 }.evidence.kind", equalTo("arms-status"))
                    .body("results[0].listeners.find { it.transport == 'udp' && it.port == 3283 }.evidence.requestBytes", equalTo(32))
                    .body("results[0].listeners.find { it.transport == 'udp' && it.port == 3283 }.evidence.responseBytes", equalTo(1034))
                    .body("results[0].listeners.find { it.port == 311 }.evidence.httpStatus", equalTo(401))
                    .body("results[0].listeners.find { it.port == 311 }.evidence.httpAuth", equalTo("Basic realm=\"AppleShare IP Web Admin\""))
                    .body("results[0].listeners.find { it.port == 311 }.evidence.tls", equalTo(false))
                    .body("results[0].listeners.find { it.transport == 'tcp' && it.port == 3031 }.evidence.kind", equalTo("tcp-connect"))
                    .body("results[0].listeners.exposure.unique()", equalTo(List.of("REACHABLE")));

            List<ListenerEvent> opened = awaitOpened(reader, address, 4);
            assertThat(opened).allSatisfy(event -> {
                assertThat(event.probe().mode()).isEqualTo(ProbeMode.NETWORK);
                assertThat(event.host()).isEqualTo(new HostInfo(address + "@" + ZONE, address, List.of(address)));
            });
            Listener arms = opened.stream().flatMap(event -> event.listeners().stream())
                    .filter(listener -> listener.port() == 3283 && listener.transport().wireName().equals("udp")).findFirst().orElseThrow();
            assertThat(arms.evidence().amplificationRatio()).isCloseTo(1034 / 32.0, within(0.01));
        }
    }

    @Test
    void hostileServicesNeitherFoolNorStallAScan() {
        String hostile = loopbackAddress();
        String httpsOnly = loopbackAddress();
        try (Simulators ignored = Simulators.start(SimulatorOptions.parse("--bind", hostile, "--services", "hostile-http,tarpit",
                "--hostile-http-port", "311", "--tarpit-port", "2311"));
             Simulators ignoredToo = Simulators.start(SimulatorOptions.parse("--bind", httpsOnly, "--services", "https-admin",
                     "--https-admin-port", "311"));
             TopicReader reader = new TopicReader(bootstrapServers, Topics.LISTENERS)) {
            String id = startScan("{\"targets\":[\"" + hostile + "\",\"" + httpsOnly + "\"],\"ports\":\"311,2311\",\"transports\":[\"tcp\"]}");

            ValidatableResponse done = awaitDone(id);
            String hostileListener = "results.find { it.address == '" + hostile + "' }.listeners.find { it.port == %d }.evidence.";
            String httpsListener = "results.find { it.address == '" + httpsOnly + "' }.listeners.find { it.port == 311 }.evidence.";
            done.body(hostileListener.formatted(311) + "httpServer", equalTo("pw\\x00x\\x1B[2K\\x1B]0;pwned\\x07"))
                    .body(hostileListener.formatted(311) + "httpAuth", equalTo("Basic"))
                    .body(hostileListener.formatted(311) + "tls", equalTo(false))
                    .body(hostileListener.formatted(2311) + "timedOut", equalTo(true))
                    .body(httpsListener + "tls", equalTo(true))
                    .body(httpsListener + "plainHttpRefused", equalTo(true))
                    .body(httpsListener + "httpAuth", nullValue())
                    .body(httpsListener + "tlsSubject", containsString("CN=portwatch-https-admin"));
            assertThat(Duration.between(Instant.parse(done.extract().path("startedAt")), Instant.parse(done.extract().path("finishedAt")))).as("the tarpit held the scan no longer than the evidence deadline")
                    .isLessThan(Duration.ofSeconds(15));

            List<ListenerEvent> opened = awaitOpened(reader, hostile, 2);
            assertThat(opened).flatExtracting(ListenerEvent::listeners).filteredOn(listener -> listener.port() == 311)
                    .singleElement().satisfies(listener -> assertThat(ControlCharacters.present(listener.evidence().httpServer())).isFalse());
        }
    }

    @Test
    void aListenerGoneAtTheNextScanIsClosed() {
        String address = loopbackAddress();
        String request = "{\"targets\":[\"" + address + "/32\"],\"ports\":\"3031\",\"transports\":[\"tcp\"],\"evidence\":false}";
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.LISTENERS)) {
            try (Simulators ignored = Simulators.start(SimulatorOptions.parse("--bind", address, "--services", "eppc"))) {
                awaitDone(startScan(request)).body("results[0].listeners", hasSize(1));
            }
            awaitDone(startScan(request)).body("results[0].listeners", hasSize(0));

            await().atMost(DEADLINE).until(() -> events(reader, address, ListenerEventType.CLOSED), closed -> !closed.isEmpty());
        }
    }

    @Test
    void everyScannedAddressGetsASnapshotScopedToExactlyWhatWasScannedAfterEveryScan() {
        String address = loopbackAddress();
        String quiet = loopbackAddress();
        String request = "{\"targets\":[\"" + address + "\",\"" + quiet + "\"],\"ports\":\"3283,3030-3032\",\"transports\":[\"tcp\"],"
                + "\"evidence\":false}";
        SnapshotScope scanned = new SnapshotScope(List.of(new PortSet(Transport.TCP, "3030-3032,3283")));
        try (Simulators ignored = Simulators.start(SimulatorOptions.parse("--bind", address, "--services", "eppc"));
             TopicReader reader = new TopicReader(bootstrapServers, Topics.LISTENERS)) {
            awaitDone(startScan(request));

            ListenerEvent snapshot = await().atMost(DEADLINE).until(() -> events(reader, address, ListenerEventType.SNAPSHOT),
                    snapshots -> !snapshots.isEmpty()).get(0);
            assertThat(snapshot.scope()).isEqualTo(scanned);
            assertThat(snapshot.host()).isEqualTo(new HostInfo(address + "@" + ZONE, address, List.of(address)));
            assertThat(snapshot.listeners()).extracting(Listener::port).containsExactly(3031);
            ListenerEvent nothingOpen = await().atMost(DEADLINE).until(() -> events(reader, quiet, ListenerEventType.SNAPSHOT),
                    snapshots -> !snapshots.isEmpty()).get(0);
            assertThat(nothingOpen.scope()).isEqualTo(scanned);
            assertThat(nothingOpen.listeners()).isEmpty();

            awaitDone(startScan(request));

            await().atMost(DEADLINE).until(() -> events(reader, address, ListenerEventType.SNAPSHOT), snapshots -> snapshots.size() == 2);
            assertThat(events(reader, address, ListenerEventType.OPENED)).as("nothing changed: no second OPENED").hasSize(1);
        }
    }

    @Test
    void targetsOutsideTheAllowlistAreRefusedAndNothingIsSent() {
        int scansBefore = operator().get("/api/v1/scans").then().extract().jsonPath().getList("$").size();
        double probesBefore = probesSent();

        operator().body("{\"targets\":[\"192.0.2.10\"],\"ports\":\"22\"}").post("/api/v1/scans").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("192.0.2.10/32 is outside the allowed scopes 127.0.0.0/8"));
        operator().body("{\"targets\":[\"127.0.0.1\",\"198.51.100.0/24\"],\"ports\":\"22\"}").post("/api/v1/scans").then()
                .statusCode(403);

        assertThat(operator().get("/api/v1/scans").then().extract().jsonPath().getList("$")).hasSize(scansBefore);
        assertThat(probesSent()).isEqualTo(probesBefore);
    }

    @Test
    void badRequestsAreProblemsAndScansNeedTheOperatorRole() {
        operator().body("{\"targets\":[\"localhost\"],\"ports\":\"22\"}").post("/api/v1/scans").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("not an address or CIDR"));
        operator().body("{\"targets\":[\"127.0.0.1\"],\"ports\":\"0-10\"}").post("/api/v1/scans").then()
                .statusCode(400).body("detail", containsString("not a port 1-65535"));
        operator().body("{\"targets\":[\"127.0.0.0/8\"],\"ports\":\"1-65535\"}").post("/api/v1/scans").then()
                .statusCode(400).body("detail", containsString("at most 1000000 are allowed"));
        operator().body("{\"targets\":[\"127.0.0.1\"],\"ports\":\"22\",\"transports\":[\"sctp\"]}").post("/api/v1/scans").then()
                .statusCode(400).body("detail", containsString("tcp or udp"));
        operator().body("{\"targets\":").post("/api/v1/scans").then()
                .statusCode(400).contentType("application/problem+json");
        operator().get("/api/v1/scans/{id}", "no-such-scan").then().statusCode(404).contentType("application/problem+json");

        given().contentType("application/json").body("{\"targets\":[\"127.0.0.1\"],\"ports\":\"22\"}").post("/api/v1/scans").then()
                .statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.withRole("dana", "analyst")).contentType("application/json")
                .body("{\"targets\":[\"127.0.0.1\"],\"ports\":\"22\"}").post("/api/v1/scans").then()
                .statusCode(403).contentType("application/problem+json");
    }

    private String startScan(String body) {
        return operator().body(body).post("/api/v1/scans").then()
                .statusCode(202)
                .header("Location", containsString("/api/v1/scans/"))
                .extract().path("id");
    }

    private ValidatableResponse awaitDone(String id) {
        await().atMost(DEADLINE).until(() -> operator().get("/api/v1/scans/{id}", id).then().extract().path("state"),
                state -> state.equals("DONE") || state.equals("FAILED"));
        return operator().get("/api/v1/scans/{id}", id).then().statusCode(200).body("state", equalTo("DONE"));
    }

    private static List<ListenerEvent> awaitOpened(TopicReader reader, String address, int count) {
        List<ListenerEvent> opened = new ArrayList<>();
        await().atMost(DEADLINE).until(() -> {
            opened.addAll(events(reader, address, ListenerEventType.OPENED));
            return opened.size() >= count;
        });
        return opened;
    }

    private static List<ListenerEvent> events(TopicReader reader, String address, ListenerEventType type) {
        return reader.poll().stream()
                .map(record -> EventJson.fromBytes(record.value(), ListenerEvent.class))
                .filter(event -> event.host().id().equals(HostIds.network(ZONE, address)) && event.type() == type)
                .toList();
    }

    private static double probesSent() {
        String metrics = given().get("/q/metrics").then().extract().asString();
        return metrics.lines().filter(line -> line.startsWith("portwatch_probe_network_probes_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** A loopback address of the test's own, so the seed ports do not clash with anything on 127.0.0.1. */
    private static String loopbackAddress() {
        return "127.0." + ThreadLocalRandom.current().nextInt(1, 250) + "." + ThreadLocalRandom.current().nextInt(2, 250);
    }

    private static RequestSpecification operator() {
        return given().auth().oauth2(Tokens.operator()).contentType("application/json");
    }
}
