package io.portwatch.alert.suppression;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.Tokens;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** "Port 6000 on hosts matching build-* with process xvfb" suppresses current and future findings, and nothing else. */
@QuarkusTest
class SuppressionApiTest {

    private static final PortKey X11 = new PortKey(Transport.TCP, 6000);
    private static final String RULE = "unexpected-process";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private AlertFlow flow;

    @BeforeEach
    void knowledgeIsPublished() {
        flow = new AlertFlow(bootstrapServers)
                .knowledge(1, Fixtures.knowledge(X11, ServiceStatus.ACTIVE, Risk.MEDIUM, List.of("Xorg"), null, false));
    }

    @AfterEach
    void close() {
        flow.close();
    }

    @Test
    void policySuppressesCurrentAndFutureMatchingFindingsOnly() {
        String current = raise("build-01", "xvfb");
        String otherHost = raise("desk-01", "xvfb");
        String otherProcess = raise("build-02", "nc");

        given().auth().oauth2(Tokens.analyst()).contentType("application/json")
                .body("{\"port\":6000,\"hostPattern\":\"build-*\",\"process\":\"XVFB\",\"reason\":\"CI displays\"}")
                .post("/api/v1/suppressions").then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/suppressions/"))
                .body("suppressed", equalTo(1))
                .body("policy.hostPattern", equalTo("build-*"));

        get("/api/v1/findings/{id}", current).then()
                .body("finding.state", equalTo("SUPPRESSED"))
                .body("history[-1].reason", containsString("CI displays"));
        get("/api/v1/findings/{id}", otherHost).then().body("finding.state", equalTo("OPEN"));
        get("/api/v1/findings/{id}", otherProcess).then().body("finding.state", equalTo("OPEN"));

        try (TopicReader paging = new TopicReader(bootstrapServers, Topics.alertRoute("paging"))) {
            flow.publish(Fixtures.event(ListenerEventType.OPENED, "build-03", xvfb()));
            String future = FindingIds.of("build-03", X11, RULE);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get("/api/v1/findings/{id}", future).then()
                    .statusCode(200)
                    .body("finding.state", equalTo("SUPPRESSED")));
            List<FindingEvent> paged = paging.readToEnd(Duration.ofSeconds(30)).stream()
                    .map(record -> EventJson.fromBytes(record.value(), FindingEvent.class)).toList();
            assertThat(paged).extracting(FindingEvent::findingId).doesNotContain(future);
            assertThat(paged).extracting(FindingEvent::state).doesNotContain(FindingState.SUPPRESSED);
        }
        get("/api/v1/suppressions").then().statusCode(200).body("reason", hasItem("CI displays"));
    }

    @Test
    void deletedPolicyIsGoneAndSecondDeleteIsNotFound() {
        int id = given().auth().oauth2(Tokens.analyst()).contentType("application/json")
                .body("{\"rule\":\"plaintext-admin\",\"reason\":\"lab\"}").post("/api/v1/suppressions").then()
                .statusCode(201).extract().path("policy.id");

        given().auth().oauth2(Tokens.analyst()).delete("/api/v1/suppressions/{id}", id).then().statusCode(204);
        given().auth().oauth2(Tokens.analyst()).delete("/api/v1/suppressions/{id}", id).then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void changingPoliciesNeedsTheAnalystRole() {
        given().contentType("application/json").body("{\"port\":1,\"reason\":\"x\"}").post("/api/v1/suppressions").then()
                .statusCode(401);
        given().auth().oauth2(Tokens.withRole("eve", "viewer")).contentType("application/json")
                .body("{\"port\":1,\"reason\":\"x\"}").post("/api/v1/suppressions").then()
                .statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"reason\":\"no conditions\"}", "{\"port\":6000}", "{\"port\":70000,\"reason\":\"x\"}",
            "{\"transport\":\"icmp\",\"reason\":\"x\"}", "{\"hostPattern\":\" \",\"reason\":\"x\"}", "not json"})
    void badPolicyIsABadRequest(String body) {
        given().auth().oauth2(Tokens.analyst()).contentType("application/json").body(body).post("/api/v1/suppressions").then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private String raise(String hostId, String process) {
        flow.publish(Fixtures.event(ListenerEventType.OPENED, hostId, Fixtures.owned(Fixtures.listener(X11, "0.0.0.0",
                Exposure.ALL_INTERFACES), process)));
        return flow.awaitFinding(hostId, X11, RULE, FindingState.OPEN).findingId();
    }

    private static Listener xvfb() {
        return Fixtures.owned(Fixtures.listener(X11, "0.0.0.0", Exposure.ALL_INTERFACES), "xvfb");
    }
}
