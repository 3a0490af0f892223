package io.portwatch.probe.security;

import io.portwatch.probe.Tokens;
import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.JwtKeysResource;
import io.portwatch.testing.KafkaBrokerResource;
import io.portwatch.testing.RefusedTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * probe-service takes only tokens made for it ({@code aud} portwatch-probe), living at most an hour and not issued
 * in the future; with the default {@code portwatch.probe.reads-require-token=false}, listener reads need none. The
 * scan bodies here are empty, so a taken token answers 400 and nothing is scanned.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(JwtKeysResource.class)
class TokenChecksTest {

    @Test
    void aTokenForAnotherServiceIsUnauthorized() {
        scanWith(RefusedTokens.forAudience(JwtKeys.ALERT_AUDIENCE, "operator"))
                .statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void aTokenWithoutAudienceIsUnauthorized() {
        scanWith(RefusedTokens.withoutAudience("operator")).statusCode(401);
    }

    @Test
    void aTokenLivingLongerThanTheCapIsUnauthorized() {
        scanWith(RefusedTokens.livingTooLong(JwtKeys.PROBE_AUDIENCE, "operator")).statusCode(401);
    }

    @Test
    void aTokenIssuedInTheFutureIsUnauthorized() {
        scanWith(RefusedTokens.issuedInTheFuture(JwtKeys.PROBE_AUDIENCE, "operator")).statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anOperatorTokenForThisServiceIsTaken() {
        scanWith(Tokens.operator()).statusCode(400);
    }

    @Test
    void listenerReadsAreOpenByDefault() {
        get("/api/v1/listeners").then().statusCode(200);
    }

    private static ValidatableResponse scanWith(String token) {
        return given().auth().oauth2(token).contentType("application/json").body("{}").post("/api/v1/scans").then();
    }
}
