package io.portwatch.probe.security;

import io.portwatch.probe.Tokens;
import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.JwtKeysResource;
import io.portwatch.testing.KafkaBrokerResource;
import io.portwatch.testing.RefusedTokens;
import io.quarkus.test.common.QuarkusTestResource;
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
 * With {@code portwatch.probe.reads-require-token=true} (every Kubernetes overlay), listener reads need a token of
 * this service with the role viewer or operator.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(JwtKeysResource.class)
@TestProfile(ClosedReadsTest.ReadsRequireToken.class)
class ClosedReadsTest {

    /** Closes reads. */
    public static class ReadsRequireToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portwatch.probe.reads-require-token", "true");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/listeners", "/api/v1/listeners/hosts"})
    void anonymousReadsAreUnauthorized(String path) {
        get(path).then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @ParameterizedTest
    @ValueSource(strings = {"viewer", "operator"})
    void readerRolesMayRead(String role) {
        given().auth().oauth2(Tokens.withRole("reader", role)).get("/api/v1/listeners").then().statusCode(200);
        given().auth().oauth2(Tokens.withRole("reader", role)).get("/api/v1/listeners/hosts").then().statusCode(200);
    }

    @Test
    void anotherRoleMayNotRead() {
        given().auth().oauth2(Tokens.withRole("dana", "analyst")).get("/api/v1/listeners").then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aViewerMayNotScan() {
        given().auth().oauth2(Tokens.viewer()).contentType("application/json").body("{}").post("/api/v1/scans").then().statusCode(403);
    }

    @Test
    void aViewerTokenForAnotherServiceCannotRead() {
        given().auth().oauth2(RefusedTokens.forAudience(JwtKeys.ALERT_AUDIENCE, "viewer")).get("/api/v1/listeners").then().statusCode(401);
    }

    @Test
    void healthStaysOpen() {
        get("/q/health/live").then().statusCode(200);
    }
}
