package io.portwatch.alert.api;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.Tokens;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** GET /api/v1/findings and analysts' actions, against findings raised through the real topics. */
@QuarkusTest
class FindingApiTest {

    private static final PortKey SLP = new PortKey(Transport.UDP, 427);
    private static final String RULE = "legacy-service-exposed";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private AlertFlow flow;

    @BeforeEach
    void knowledgeIsPublished() {
        flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(SLP, ServiceStatus.LEGACY, Risk.HIGH));
    }

    @AfterEach
    void close() {
        flow.close();
    }

    @Test
    void listFiltersAndPutsTheMostSevereFirst() {
        raise("api-list", "0.0.0.0", Exposure.ALL_INTERFACES);
        raise("api-list-lo", "127.0.0.1", Exposure.LOOPBACK);

        given().queryParam("host", "api-list").get("/api/v1/findings").then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].severity", equalTo("HIGH"))
                .body("totalItems", equalTo(1));
        given().queryParam("port", 427).queryParam("size", 1).get("/api/v1/findings").then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].severity", equalTo("HIGH"))
                .body("totalPages", greaterThanOrEqualTo(2));
        given().queryParam("severity", "info").queryParam("state", "open").get("/api/v1/findings").then()
                .statusCode(200)
                .body("items.severity", everyItem(equalTo("INFO")))
                .body("items.host.id", hasItem("api-list-lo"));
    }

    @Test
    void acknowledgingRecordsWhoAndWhyAndPublishesTheChange() {
        String id = raise("api-ack", "0.0.0.0", Exposure.ALL_INTERFACES);

        asAnalyst().body("{\"reason\":\"ticket SEC-42\"}").post("/api/v1/findings/{id}/acknowledge", id).then()
                .statusCode(200)
                .body("state", equalTo("ACKNOWLEDGED"))
                .body("version", equalTo(2));

        get("/api/v1/findings/{id}", id).then()
                .statusCode(200)
                .body("finding.state", equalTo("ACKNOWLEDGED"))
                .body("history", hasSize(2))
                .body("history[1].reason", containsString("dana"))
                .body("history[1].reason", containsString("ticket SEC-42"));
        var record = flow.awaitRecord(id, FindingState.ACKNOWLEDGED);
        assertThat(CloudEvent.from(record.headers()).type()).isEqualTo("portwatch.finding.acknowledged");
    }

    @Test
    void resolvedByHandFindingReopensWhenItsListenerIsSeenAgain() {
        Listener listener = Fixtures.listener(SLP, "0.0.0.0", Exposure.ALL_INTERFACES);
        String id = raise("api-resolve", "0.0.0.0", Exposure.ALL_INTERFACES);
        asAnalyst().body("{\"reason\":\"closed the port\"}").post("/api/v1/findings/{id}/resolve", id).then()
                .statusCode(200).body("state", equalTo("RESOLVED"));

        flow.publish(Fixtures.event(ListenerEventType.SNAPSHOT, "api-resolve", listener));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get("/api/v1/findings/{id}", id).then()
                .body("finding.state", equalTo("OPEN"))
                .body("history[-1].reason", containsString("reopened")));
    }

    @Test
    void actionTheStateDoesNotAllowIsAConflict() {
        String id = raise("api-conflict", "0.0.0.0", Exposure.ALL_INTERFACES);
        asAnalyst().body("{\"reason\":\"noise\"}").post("/api/v1/findings/{id}/suppress", id).then().statusCode(200);

        asAnalyst().body("{\"reason\":\"again\"}").post("/api/v1/findings/{id}/acknowledge", id).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("SUPPRESSED"));
    }

    @Test
    void highFindingsAlsoGoToThePagingRouteAndInfoOnesDoNot() {
        try (TopicReader paging = new TopicReader(bootstrapServers, Topics.alertRoute("paging"))) {
            String high = raise("api-route", "0.0.0.0", Exposure.ALL_INTERFACES);
            String info = raise("api-route-lo", "127.0.0.1", Exposure.LOOPBACK);

            List<String> routed = await().atMost(Duration.ofSeconds(30)).until(() -> paging.poll().stream()
                    .map(record -> EventJson.fromBytes(record.value(), FindingEvent.class).findingId()).toList(),
                    ids -> ids.contains(high));
            assertThat(routed).doesNotContain(info);
        }
    }

    @Test
    void oversizedBodyIsRefusedWithProblemJsonAndChangesNothing() {
        String id = raise("api-huge", "0.0.0.0", Exposure.ALL_INTERFACES);

        asAnalyst().body("{\"reason\":\"" + "x".repeat(200_000) + "\"}").post("/api/v1/findings/{id}/acknowledge", id).then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 65536"));
        get("/api/v1/findings/{id}", id).then().body("finding.state", equalTo("OPEN"));
    }

    @Test
    void oversizedChunkedBodyIsRefusedWithProblemJsonAndChangesNothing() {
        String id = raise("api-huge-chunked", "0.0.0.0", Exposure.ALL_INTERFACES);
        byte[] huge = ("{\"reason\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        asAnalyst().body(new ByteArrayInputStream(huge)).post("/api/v1/findings/{id}/acknowledge", id).then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 65536"));
        get("/api/v1/findings/{id}", id).then().body("finding.state", equalTo("OPEN"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"reason\":\"  \"}", "{\"reason\":null}"})
    void actionWithoutAReasonIsABadRequestNamingIt(String body) {
        String id = raise("api-no-reason", "0.0.0.0", Exposure.ALL_INTERFACES);

        asAnalyst().body(body).post("/api/v1/findings/{id}/acknowledge", id).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("detail", equalTo("reason is required: say why, for the finding's history"));
    }

    @Test
    void actionWithoutABodyIsABadRequestSayingWhatToSend() {
        String id = raise("api-no-body", "0.0.0.0", Exposure.ALL_INTERFACES);

        asAnalyst().post("/api/v1/findings/{id}/resolve", id).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("reason"));
        get("/api/v1/findings/{id}", id).then().body("finding.state", equalTo("OPEN"));
    }

    @Test
    void unknownFindingIsNotFound() {
        get("/api/v1/findings/{id}", "0123456789abcdef0123456789abcdef").then()
                .statusCode(404)
                .contentType("application/problem+json");
        asAnalyst().body("{\"reason\":\"x\"}").post("/api/v1/findings/{id}/resolve", "nope").then().statusCode(404);
    }

    @Test
    void actionsNeedTheAnalystRole() {
        String id = raise("api-auth", "0.0.0.0", Exposure.ALL_INTERFACES);

        given().contentType("application/json").body("{\"reason\":\"x\"}").post("/api/v1/findings/{id}/acknowledge", id).then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.withRole("eve", "registry-admin")).contentType("application/json")
                .body("{\"reason\":\"x\"}").post("/api/v1/findings/{id}/acknowledge", id).then()
                .statusCode(403);
        get("/api/v1/findings/{id}", id).then().body("finding.state", equalTo("OPEN"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"reason\": ", "[]"})
    void malformedActionBodyIsABadRequest(String body) {
        String id = raise("api-reason", "0.0.0.0", Exposure.ALL_INTERFACES);

        asAnalyst().body(body).post("/api/v1/findings/{id}/acknowledge", id).then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"state=gone", "severity=EXTREME", "port=70000", "port=abc", "page=-1", "size=0"})
    void badFilterIsABadRequest(String parameter) {
        String[] nameValue = parameter.split("=");
        given().queryParam(nameValue[0], nameValue[1]).get("/api/v1/findings").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(nameValue[0]));
    }

    private String raise(String hostId, String address, Exposure exposure) {
        flow.publish(Fixtures.event(ListenerEventType.OPENED, hostId, Fixtures.listener(SLP, address, exposure)));
        return flow.awaitFinding(hostId, SLP, RULE, FindingState.OPEN).findingId();
    }

    private static RequestSpecification asAnalyst() {
        return given().auth().oauth2(Tokens.analyst()).contentType("application/json");
    }
}
