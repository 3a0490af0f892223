package io.portwatch.alert.assets;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.events.Topics;
import io.portwatch.events.contract.DeadLetterHeaders;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.portwatch.alert.StoredFindings.stored;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/**
 * One asset per machine, through the real topics and database: a host-mode node's addresses join a network probe's
 * findings on them in its zone (never loopback or link-local, never an address two nodes claim), and the assets API
 * and {@code ?asset=} show the machine whole.
 */
@QuarkusTest
class AssetApiTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final String RULE = "legacy-service-exposed";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

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
    void aNetworkFindingOnANodesAddressCarriesTheNodesAsset() {
        nodeWith("asset-node-a", "lab", List.of("10.1.2.3", "127.0.0.1", "::1", "fe80::1"));

        FindingEvent scanned = scan("lab", "10.1.2.3");

        assertThat(scanned.asset()).isEqualTo("asset-node-a");
        given().queryParam("asset", "asset-node-a").get("/api/v1/findings").then()
                .statusCode(200)
                .body("items.host.id", containsInAnyOrder("asset-node-a", "10.1.2.3@lab"))
                .body("items.asset", containsInAnyOrder("asset-node-a", "asset-node-a"));
        get("/api/v1/assets/{id}", "asset-node-a").then()
                .statusCode(200)
                .body("id", equalTo("asset-node-a"))
                .body("names", hasItem("asset-node-a.test"))
                .body("hostIds", containsInAnyOrder("asset-node-a", "10.1.2.3@lab"))
                .body("addresses.address", containsInAnyOrder("10.1.2.3"))
                .body("addresses[0].zone", equalTo("lab"))
                .body("addresses[0].ambiguous", equalTo(false))
                .body("openFindings.HIGH", equalTo(2))
                .body("openFindings.CRITICAL", equalTo(0));
    }

    @Test
    void anAddressOfANamespaceJoinsItsNodeAndTwoNamespacesOfOneNodeAreNoAmbiguity() {
        for (String namespace : List.of("blue", "green")) {
            String host = "asset-node-ns/netns/" + namespace;
            ListenerEvent event = new ListenerEvent(UUID.randomUUID().toString(), ListenerEventType.SNAPSHOT, Instant.now(),
                    new ProbeInfo("probe-asset-node-ns", "lab-ns", ProbeMode.HOST),
                    new HostInfo(host, namespace, List.of("10.5.0.2"), "asset-node-ns"), List.of(exposed("0.0.0.0")));
            flow.publish(event);
            assertThat(flow.awaitFinding(host, AFP, RULE, FindingState.OPEN).asset()).isEqualTo("asset-node-ns");
        }

        assertThat(scan("lab-ns", "10.5.0.2").asset()).isEqualTo("asset-node-ns");
        get("/api/v1/assets/{id}", "asset-node-ns").then().statusCode(200)
                .body("addresses.address", containsInAnyOrder("10.5.0.2"))
                .body("addresses[0].ambiguous", equalTo(false));
    }

    @Test
    void theSameAddressScannedFromAnotherZoneJoinsNothing() {
        nodeWith("asset-node-z", "lab-z", List.of("10.1.2.4"));

        assertThat(scan("elsewhere", "10.1.2.4").asset()).isEqualTo("10.1.2.4@elsewhere");
    }

    @Test
    void loopbackAndLinkLocalAddressesNeverJoin() {
        nodeWith("asset-node-lo", "lab-lo", List.of("127.0.0.1", "::1", "fe80::1", "169.254.1.1"));

        assertThat(scan("lab-lo", "127.0.0.1").asset()).isEqualTo("127.0.0.1@lab-lo");
        assertThat(scan("lab-lo", "::1").asset()).isEqualTo("::1@lab-lo");
        assertThat(scan("lab-lo", "fe80::1").asset()).isEqualTo("fe80::1@lab-lo");
        assertThat(scan("lab-lo", "169.254.1.1").asset()).isEqualTo("169.254.1.1@lab-lo");
        get("/api/v1/assets/{id}", "asset-node-lo").then().statusCode(200).body("addresses", hasSize(0));
    }

    @Test
    void anAddressTwoNodesClaimJoinsNeither() {
        nodeWith("asset-node-b1", "lab-amb", List.of("10.1.2.50", "10.1.2.51"));
        nodeWith("asset-node-b2", "lab-amb", List.of("10.1.2.50"));

        assertThat(scan("lab-amb", "10.1.2.50").asset()).isEqualTo("10.1.2.50@lab-amb");
        assertThat(scan("lab-amb", "10.1.2.51").asset()).isEqualTo("asset-node-b1");
        get("/api/v1/assets/{id}", "asset-node-b2").then()
                .statusCode(200)
                .body("addresses.address", containsInAnyOrder("10.1.2.50"))
                .body("addresses[0].ambiguous", equalTo(true));
    }

    @Test
    void findingsOfAnAddressAttachToANodeThatClaimsItLaterAndDetachWhenItStops() {
        String findingId = scan("lab-late", "10.1.2.60").findingId();
        assertThat(stored(findingId).asset).isEqualTo("10.1.2.60@lab-late");

        nodeWith("asset-node-late", "lab-late", List.of("10.1.2.60"));

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(stored(findingId).asset).isEqualTo("asset-node-late"));
        get("/api/v1/findings/{id}", findingId).then().body("finding.asset", equalTo("asset-node-late"));

        flow.publish(Fixtures.nodeSnapshot("asset-node-late", "lab-late", List.of("10.1.2.61"), exposed("0.0.0.0")));

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(stored(findingId).asset).isEqualTo("10.1.2.60@lab-late"));
    }

    @Test
    void aHostClaimingTheMostAddressesTheContractAllowsIsIndexedWhole() {
        List<String> addresses = IntStream.range(0, 256).mapToObj(i -> "10.3.0." + i).toList();
        nodeWith("asset-node-many", "lab-many", addresses);

        assertThat(scan("lab-many", "10.3.0.255").asset()).isEqualTo("asset-node-many");
        get("/api/v1/assets/{id}", "asset-node-many").then().statusCode(200).body("addresses", hasSize(256));
    }

    @Test
    void addressesInAnOddFormAreRefusedWhereTheyEnterAndClaimNothing() {
        List<String> odd = List.of("0:0:0:0:0:0:0:1", "010.001.002.003", "10.4.0.1%eth0", "[::1]", "10.4.0.1/24", "node-x");
        try (TopicReader dlq = new TopicReader(bootstrapServers, Topics.LISTENERS_DLQ)) {
            List<String> hosts = new ArrayList<>();
            for (int i = 0; i < odd.size(); i++) {
                String node = "asset-odd-" + i;
                hosts.add(node);
                flow.publish(Fixtures.nodeSnapshot(node, "lab-odd", List.of("10.4.0.9", odd.get(i)), exposed("0.0.0.0")));
            }
            List<String> dead = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                dead.clear(); // poll() answers every record read so far
                dlq.poll().stream().filter(record -> hosts.contains(record.key())).map(AssetApiTest::reason).forEach(dead::add);
                return dead.size() == odd.size();
            });
            assertThat(dead).allSatisfy(reason -> assertThat(reason).startsWith("host.addresses[1]"));
        }
        assertThat(scan("lab-odd", "10.4.0.9").asset()).isEqualTo("10.4.0.9@lab-odd");
    }

    @Test
    void aHostOrAssetWithAnAddressIsFoundInAnyFormOfIt() {
        String findingId = scan("lab-v6", "::1").findingId();

        given().queryParam("host", "0:0:0:0:0:0:0:1@lab-v6").get("/api/v1/findings").then()
                .statusCode(200)
                .body("items.findingId", containsInAnyOrder(findingId));
        given().queryParam("asset", "0:0:0:0:0:0:0:1@lab-v6").get("/api/v1/findings").then()
                .statusCode(200)
                .body("items.findingId", containsInAnyOrder(findingId));
        get("/api/v1/assets/{id}", "0:0:0:0:0:0:0:1@lab-v6").then()
                .statusCode(200)
                .body("id", equalTo("::1@lab-v6"))
                .body("hostIds", containsInAnyOrder("::1@lab-v6"));
    }

    @Test
    void assetsArePagedById() {
        nodeWith("asset-page-1", "lab-page", List.of("10.5.0.1"));
        nodeWith("asset-page-2", "lab-page", List.of("10.5.0.2"));

        given().queryParam("size", 1).get("/api/v1/assets").then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("size", equalTo(1))
                .body("totalItems", greaterThanOrEqualTo(2))
                .body("totalPages", greaterThanOrEqualTo(2));
        given().queryParam("size", 100_000).get("/api/v1/assets").then()
                .statusCode(200)
                .body("size", equalTo(100))
                .body("items.id", hasItem("asset-page-2"));
    }

    @Test
    void anUnknownAssetIsNotFound() {
        get("/api/v1/assets/{id}", "no-such-asset").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no-such-asset"));
        get("/api/v1/assets/{id}", "10.9.9.9@nowhere").then().statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"host=x@lab", "host=10.1.2.3@", "asset=300.1.2.3@lab", "asset=::1::2@lab", "host=a\u001b[2Kb",
            "page=-1", "size=0", "size=abc"})
    void badFilterIsABadRequest(String parameter) {
        String[] nameValue = parameter.split("=", 2);
        String path = nameValue[0].equals("host") || nameValue[0].equals("asset") ? "/api/v1/findings" : "/api/v1/assets";
        given().queryParam(nameValue[0], nameValue[1]).get(path).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(nameValue[0]))
                .body("detail", not(containsString("\u001b")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x@lab", "10.1.2.3@", "999.1.1.1@lab"})
    void badAssetIdIsABadRequest(String id) {
        get("/api/v1/assets/{id}", id).then().statusCode(400).contentType("application/problem+json");
    }

    private void nodeWith(String node, String zone, List<String> addresses) {
        flow.publish(Fixtures.nodeSnapshot(node, zone, addresses, exposed("0.0.0.0")));
        FindingEvent opened = flow.awaitFinding(node, AFP, RULE, FindingState.OPEN);
        assertThat(opened.asset()).isEqualTo(node);
    }

    /** A network probe's scan finding AFP open on the address; the finding as first opened. */
    private FindingEvent scan(String zone, String address) {
        ListenerEvent event = Fixtures.scan(Instant.now(), zone, address, Fixtures.tcpScope("1-1024"), exposed(address));
        flow.publish(event);
        return flow.awaitFinding(event.host().id(), AFP, RULE, FindingState.OPEN);
    }

    private static Listener exposed(String address) {
        return Fixtures.listener(AFP, address, Exposure.ALL_INTERFACES);
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8);
    }
}
