package io.portwatch.alert.fleet;

import io.portwatch.alert.FleetSecretsResource;
import io.portwatch.alert.TestProbe;
import io.portwatch.alert.Tokens;
import io.portwatch.events.listener.ProbeMode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The fleet API: enrolment with the enrol secret, listing with a reading role, revocation by a fleet-admin. */
@QuarkusTest
class ProbeApiTest {

    private static final String ENROLMENTS = "/api/v1/probes/enrolments";

    @Test
    void anEnrolmentAnswersTheProbeIdAndItsDerivedKey() throws Exception {
        String node = TestProbe.uniqueNode("enrol");
        String body = given().contentType(ContentType.JSON).body(request(node, "HOST", List.of()))
                .when().post(ENROLMENTS)
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/probes/p-"))
                .body("probeId", startsWith("p-"))
                .body("algorithm", equalTo("hmac-sha256"))
                .body("node", equalTo(node))
                .body("mode", equalTo("HOST"))
                .body("zone", equalTo("lab"))
                .extract().asString();
        JsonPath enrolment = JsonPath.from(body);
        byte[] key = Base64.getDecoder().decode(enrolment.getString("key"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(FleetSecretsResource.FLEET_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update("portwatch probe key v1".getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        assertThat(key).hasSize(32).isEqualTo(mac.doFinal(enrolment.getString("probeId").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aWrongEnrolSecretIsUnauthorizedWithoutAHint() {
        Map<String, Object> request = request(TestProbe.uniqueNode("wrong"), "HOST", List.of());
        request.put("enrolSecret", "not-the-secret");
        given().contentType(ContentType.JSON).body(request).when().post(ENROLMENTS)
                .then().statusCode(401).contentType("application/problem+json").body("detail", equalTo("the enrol secret is not valid"));
    }

    @Test
    void aNodeIsClaimedOnceUntilItIsRevoked() {
        TestProbe first = TestProbe.host(TestProbe.uniqueNode("claimed"));
        given().contentType(ContentType.JSON).body(request(first.node(), "HOST", List.of())).when().post(ENROLMENTS)
                .then().statusCode(409).contentType("application/problem+json");

        given().auth().oauth2(Tokens.withRole("fran", "fleet-admin")).when().post("/api/v1/probes/{id}/revoke", first.id())
                .then().statusCode(200).body("status", equalTo("REVOKED")).body("revokedAt", notNullValue());
        TestProbe again = TestProbe.host(first.node());
        assertThat(again.id()).isNotEqualTo(first.id());
    }

    @Test
    void aNodeThatIsNoHostIdIsUnprocessable() {
        given().contentType(ContentType.JSON).body(request("node-a/evil", "HOST", List.of())).when().post(ENROLMENTS)
                .then().statusCode(422).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(request("10.0.0.5@lab", "HOST", List.of())).when().post(ENROLMENTS)
                .then().statusCode(422);
        given().contentType(ContentType.JSON).body(request("", "HOST", List.of())).when().post(ENROLMENTS)
                .then().statusCode(422);
    }

    @Test
    void scopesMustBeCidrsInsideTheAllowedNetworks() {
        given().contentType(ContentType.JSON).body(request(TestProbe.uniqueNode("scan"), "NETWORK", List.of("not-a-cidr")))
                .when().post(ENROLMENTS).then().statusCode(422).body("detail", equalTo("scope not-a-cidr is not a CIDR"));
        given().contentType(ContentType.JSON).body(request(TestProbe.uniqueNode("scan"), "NETWORK", List.of("10.0.0.0/8")))
                .when().post(ENROLMENTS).then().statusCode(422).body("detail", startsWith("scope 10.0.0.0/8 lies outside"));
        given().contentType(ContentType.JSON).body(request(TestProbe.uniqueNode("scan"), "HOST", List.of("127.0.0.0/8")))
                .when().post(ENROLMENTS).then().statusCode(422);
        given().contentType(ContentType.JSON).body(request(TestProbe.uniqueNode("scan"), "NETWORK", List.of("127.0.0.1/8", "::1/128")))
                .when().post(ENROLMENTS).then().statusCode(201).body("scopes", equalTo(List.of("127.0.0.0/8", "::1/128")));
    }

    @Test
    void malformedJsonIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"enrolSecret\": ").when().post(ENROLMENTS)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"mode\": \"SIDEWAYS\"}").when().post(ENROLMENTS)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        given().contentType(ContentType.JSON).body("{\"node\": \"" + "x".repeat(70_000) + "\"}").when().post(ENROLMENTS)
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void probesAreListedForEveryReadingRoleWithTheirStatus() {
        TestProbe probe = TestProbe.host(TestProbe.uniqueNode("listed"));
        for (String role : List.of("viewer", "analyst", "fleet-admin")) {
            given().auth().oauth2(Tokens.withRole("reader", role)).queryParam("size", 100).when().get("/api/v1/probes")
                    .then().statusCode(200).body("items.probeId", hasItem(probe.id()));
        }
        given().auth().oauth2(Tokens.withRole("reader", "viewer")).when().get("/api/v1/probes/{id}", probe.id())
                .then().statusCode(200)
                .body("node", equalTo(probe.node()))
                .body("status", equalTo("ACTIVE"))
                .body("lastHeartbeat", nullValue())
                .body("key", nullValue());
        // Without a token it answers only where reads are open (here); ClosedReadsTest closes them.
        given().when().get("/api/v1/probes").then().statusCode(200);
        given().auth().oauth2(Tokens.withRole("reader", "viewer")).when().get("/api/v1/probes/{id}", "p-none")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void onlyAFleetAdminRevokes() {
        TestProbe probe = TestProbe.host(TestProbe.uniqueNode("kept"));
        given().auth().oauth2(Tokens.analyst()).when().post("/api/v1/probes/{id}/revoke", probe.id())
                .then().statusCode(403).contentType("application/problem+json");
        given().when().post("/api/v1/probes/{id}/revoke", probe.id()).then().statusCode(401);
        given().auth().oauth2(Tokens.withRole("reader", "viewer")).when().get("/api/v1/probes/{id}", probe.id())
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().auth().oauth2(Tokens.withRole("fran", "fleet-admin")).when().post("/api/v1/probes/{id}/revoke", "p-none")
                .then().statusCode(404);
    }

    private static Map<String, Object> request(String node, String mode, List<String> scopes) {
        Map<String, Object> request = new HashMap<>();
        request.put("enrolSecret", FleetSecretsResource.ENROL_SECRET);
        request.put("node", node);
        request.put("mode", ProbeMode.valueOf(mode).name());
        request.put("zone", "lab");
        request.put("scopes", scopes);
        return request;
    }
}
