package io.portwatch.alert.security;

import io.portwatch.alert.TestProbe;
import io.portwatch.alert.Tokens;
import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.RefusedTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * With {@code portwatch.alert.reads-require-token=true} (every Kubernetes overlay), reads need a token of this
 * service with the role viewer, analyst or fleet-admin; health and the enrolment POST stay open.
 */
@QuarkusTest
@TestProfile(ClosedReadsTest.ReadsRequireToken.class)
class ClosedReadsTest {

    /** Closes reads. */
    public static class ReadsRequireToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portwatch.alert.reads-require-token", "true");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/findings", "/api/v1/findings/search", "/api/v1/findings/overview", "/api/v1/findings/export",
            "/api/v1/suppressions", "/api/v1/assets", "/api/v1/probes", "/api/v1/probes/p-none"})
    void anonymousReadsAreUnauthorized(String path) {
        get(path).then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @ParameterizedTest
    @ValueSource(strings = {"viewer", "analyst", "fleet-admin"})
    void readerRolesMayRead(String role) {
        given().auth().oauth2(Tokens.withRole("reader", role)).get("/api/v1/findings").then()
                .statusCode(200).body("page", equalTo(0));
        given().auth().oauth2(Tokens.withRole("reader", role)).get("/api/v1/suppressions").then().statusCode(200);
        given().auth().oauth2(Tokens.withRole("reader", role)).get("/api/v1/assets").then().statusCode(200);
        given().auth().oauth2(Tokens.withRole("reader", role)).get("/api/v1/probes").then().statusCode(200);
    }

    @Test
    void aViewerMayReadAFindingsHistory() {
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/findings/{id}", "no-such-finding").then().statusCode(404);
    }

    @Test
    void anotherRoleMayNotRead() {
        given().auth().oauth2(Tokens.withRole("olga", "operator")).get("/api/v1/findings").then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aViewerMayNotActOnFindings() {
        given().auth().oauth2(Tokens.viewer()).contentType("application/json").body("{\"reason\":\"looked\"}")
                .post("/api/v1/findings/{id}/acknowledge", "no-such-finding").then().statusCode(403);
    }

    @Test
    void aViewerTokenForAnotherServiceOrIssuedInTheFutureCannotRead() {
        given().auth().oauth2(RefusedTokens.forAudience(JwtKeys.PROBE_AUDIENCE, "viewer")).get("/api/v1/findings").then().statusCode(401);
        given().auth().oauth2(RefusedTokens.issuedInTheFuture(JwtKeys.ALERT_AUDIENCE, "viewer")).get("/api/v1/findings").then().statusCode(401);
        given().auth().oauth2(RefusedTokens.livingTooLong(JwtKeys.ALERT_AUDIENCE, "viewer")).get("/api/v1/findings").then().statusCode(401);
    }

    @Test
    void enrolmentIsNotBehindTheReadPolicy() {
        // The enrol secret is the credential (docs/fleet.md): the read policy covers GET and HEAD only, so a probe
        // without a token enrols (TestProbe expects 201) and then reads nothing.
        TestProbe probe = TestProbe.host(TestProbe.uniqueNode("closed-reads"));
        get("/api/v1/probes/{id}", probe.id()).then().statusCode(401);
    }

    @Test
    void healthStaysOpen() {
        get("/q/health/live").then().statusCode(200);
    }
}
