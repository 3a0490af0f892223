package io.portwatch.registry.knowledge;

import io.portwatch.events.Topics;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.registry.ReadyRegistry;
import io.portwatch.registry.Tokens;
import io.portwatch.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** PUT /api/v1/knowledge/{transport}/{port}: roles, If-Match, history, the topic, and refusals that change nothing. */
@QuarkusTest
class KnowledgeUpdateTest {

    private static final String PATH = "/api/v1/knowledge/{transport}/{port}";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void registryIsReady() {
        ReadyRegistry.await60s();
    }

    @Test
    void adminUpdateWithCurrentETagChangesTheKnowledgeAndRecordsWhoDidIt() {
        String etag = etagOf(8080, "tcp");

        Response response = put(8080, "tcp", Tokens.admin(), etag, CurationBodies.json(CurationBodies.curation(Risk.HIGH, "Close it")));

        response.then().statusCode(200)
                .body("risk", equalTo("HIGH"))
                .body("remediation", equalTo("Close it"))
                .body("serviceName", equalTo("http-alt"))
                .body("aliases", hasItem("test-alias"));
        assertThat(response.header("ETag")).isNotEqualTo(etag);
        get("/api/v1/ports/8080/tcp").then().body("risk", equalTo("HIGH"));
        get(PATH + "/history", "tcp", 8080).then()
                .statusCode(200)
                .body("[-1].changedBy", equalTo("alice"))
                .body("[-1].source", equalTo("admin"))
                .body("[-1].before.risk", equalTo("NONE"))
                .body("[-1].after.risk", equalTo("HIGH"))
                .body("[0].source", equalTo("iana-import"));
    }

    @Test
    void theLayersShowIanaAndTheCuratedLayerBesideTheirMerge() {
        put(8008, "tcp", Tokens.admin(), etagOf(8008, "tcp"), CurationBodies.json(CurationBodies.curation(Risk.HIGH, "Layered"))).then()
                .statusCode(200);

        Response layers = get(PATH, "tcp", 8008);
        layers.then().statusCode(200)
                .body("iana.serviceName", equalTo("http-alt"))
                .body("iana.status", equalTo("ACTIVE"))
                .body("curated.risk", equalTo("HIGH"))
                .body("curated.remediation", equalTo("Layered"))
                .body("knowledge.risk", equalTo("HIGH"))
                .body("knowledge.serviceName", equalTo("http-alt"));
        assertThat(layers.header("ETag")).isEqualTo(etagOf(8008, "tcp"));
        get(PATH, "udp", 47998).then().statusCode(200)
                .body("iana", equalTo(null)).body("curated", equalTo(null)).body("knowledge.status", equalTo("UNASSIGNED"));
        get(PATH, "tcp", 70000).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void updateReachesTheKnowledgeTopic() {
        PortKnowledge updated = put(8443, "tcp", Tokens.admin(), etagOf(8443, "tcp"),
                CurationBodies.json(CurationBodies.curation(Risk.MEDIUM, "Topic check"))).then().statusCode(200)
                .extract().as(PortKnowledge.class);

        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.PORT_KNOWLEDGE)) {
            var record = await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().stream()
                    .filter(r -> "tcp/8443".equals(r.key()) && r.value() != null)
                    .filter(r -> EventJson.fromBytes(r.value(), PortKnowledge.class).version() == updated.version())
                    .findFirst(), Optional::isPresent).orElseThrow();
            assertThat(EventJson.fromBytes(record.value(), PortKnowledge.class).remediation()).isEqualTo("Topic check");
            assertThat(CloudEvent.from(record.headers()).id()).isEqualTo("tcp/8443@" + updated.version());
        }
    }

    @Test
    void portWithNoEntryIsCreatedFromVersionZero() {
        get("/api/v1/ports/47999/udp").then().header("ETag", "\"0\"").body("status", equalTo("UNASSIGNED"));

        put(47_999, "udp", Tokens.admin(), "\"0\"", CurationBodies.json(CurationBodies.curation(Risk.LOW, "Created"))).then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("status", equalTo("LEGACY"));
    }

    @Test
    void staleETagIsAPreconditionFailureAndChangesNothing() {
        String etag = etagOf(8000, "tcp");
        put(8000, "tcp", Tokens.admin(), etag, CurationBodies.json(CurationBodies.curation(Risk.LOW, "first"))).then().statusCode(200);
        int historyBefore = historySize(8000, "tcp");

        put(8000, "tcp", Tokens.admin(), etag, CurationBodies.json(CurationBodies.curation(Risk.CRITICAL, "second"))).then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("detail", containsString("fetch it again"));

        get("/api/v1/ports/8000/tcp").then().body("remediation", equalTo("first"));
        assertThat(historySize(8000, "tcp")).isEqualTo(historyBefore);
    }

    @Test
    void concurrentUpdatesWithTheSameETagLetExactlyOneThrough() throws Exception {
        String etag = etagOf(8888, "tcp");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> attempts = List.of(1, 2, 3, 4).stream()
                    .<Callable<Integer>>map(n -> () -> put(8888, "tcp", Tokens.admin(), etag,
                            CurationBodies.json(CurationBodies.curation(Risk.HIGH, "writer " + n))).statusCode())
                    .toList();
            List<Integer> statuses = pool.invokeAll(attempts).stream().map(KnowledgeUpdateTest::join).toList();

            assertThat(statuses).containsExactlyInAnyOrder(200, 412, 412, 412);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void missingIfMatchIsPreconditionRequired() {
        given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body(CurationBodies.json(CurationBodies.curation(Risk.LOW, "x")))
                .put(PATH, "tcp", 8001).then()
                .statusCode(428)
                .contentType("application/problem+json")
                .body("detail", containsString("If-Match"));
    }

    @Test
    void writeWithoutTokenIsUnauthorized() {
        put(8002, "tcp", null, "\"1\"", CurationBodies.json(CurationBodies.curation(Risk.LOW, "x"))).then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
    }

    @Test
    void forgedTokenIsUnauthorized() {
        String token = Tokens.admin();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);

        put(8002, "tcp", forged, "\"1\"", CurationBodies.json(CurationBodies.curation(Risk.LOW, "x"))).then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void tokenWithoutTheAdminRoleIsForbidden() {
        put(8002, "tcp", Tokens.withRole("bob", "analyst"), "\"1\"", CurationBodies.json(CurationBodies.curation(Risk.LOW, "x")))
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void malformedJsonIsABadRequest() {
        put(8003, "tcp", Tokens.admin(), etagOf(8003, "tcp"), "{\"risk\": ").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void missingRiskIsABadRequestNamingIt() {
        put(8003, "tcp", Tokens.admin(), etagOf(8003, "tcp"), "{\"remediation\": \"x\"}").then()
                .statusCode(400)
                .body("detail", containsString("risk is required"));
    }

    @Test
    void controlCharacterInATextIsABadRequestNamingTheField() {
        put(8003, "tcp", Tokens.admin(), etagOf(8003, "tcp"), "{\"risk\": \"LOW\", \"remediation\": \"a\\u001b[2K\"}").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("remediation holds a control character: a\\x1B[2K"));
    }

    @Test
    void serviceNameLongerThanTheContractsIsABadRequest() {
        put(8003, "tcp", Tokens.admin(), etagOf(8003, "tcp"), "{\"risk\": \"LOW\", \"serviceName\": \"" + "n".repeat(256) + "\"}").then()
                .statusCode(400)
                .body("detail", containsString("serviceName is 256 characters long, more than 255"));
    }

    @Test
    void unknownRiskIsABadRequest() {
        put(8003, "tcp", Tokens.admin(), etagOf(8003, "tcp"), "{\"risk\": \"EXTREME\"}").then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        given().auth().oauth2(Tokens.admin()).header("If-Match", etagOf(8003, "tcp")).contentType("text/plain")
                .body("risk=HIGH").put(PATH, "tcp", 8003).then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIsTooLarge() {
        String huge = "{\"risk\":\"LOW\",\"remediation\":\"" + "x".repeat(70_000) + "\"}";

        put(8003, "tcp", Tokens.admin(), etagOf(8003, "tcp"), huge).then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 65536"));
    }

    @Test
    void badPortInAWriteIsABadRequest() {
        put(70_000, "tcp", Tokens.admin(), "\"0\"", CurationBodies.json(CurationBodies.curation(Risk.LOW, "x"))).then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void refusedWritesLeaveNoHistory() {
        int before = historySize(8003, "tcp");
        put(8003, "tcp", Tokens.admin(), etagOf(8003, "tcp"), "{\"risk\": ").then().statusCode(400);
        put(8003, "tcp", null, etagOf(8003, "tcp"), CurationBodies.json(CurationBodies.curation(Risk.LOW, "x"))).then().statusCode(401);

        assertThat(historySize(8003, "tcp")).isEqualTo(before);
    }

    private static Response put(int port, String transport, String token, String etag, String body) {
        var request = given().contentType("application/json").body(body);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (etag != null) {
            request = request.header("If-Match", etag);
        }
        return request.put(PATH, transport, port);
    }

    private static String etagOf(int port, String transport) {
        return get("/api/v1/ports/{port}/{transport}", port, transport).then().statusCode(200).extract().header("ETag");
    }

    private static int historySize(int port, String transport) {
        return get(PATH + "/history", transport, port).then().statusCode(200).extract().path("size()");
    }

    private static int join(Future<Integer> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
