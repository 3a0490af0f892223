package io.portwatch.alert.security;

import io.portwatch.alert.Tokens;
import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.RefusedTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * alert-service takes only tokens made for it ({@code aud} portwatch-alert), living at most an hour and not issued
 * in the future; with the default {@code portwatch.alert.reads-require-token=false}, reads need none.
 */
@QuarkusTest
class TokenChecksTest {

    private static final String NO_REASON = "{}";

    @Test
    void aTokenForAnotherServiceIsUnauthorized() {
        suppressWith(RefusedTokens.forAudience(JwtKeys.REGISTRY_AUDIENCE, "analyst"))
                .statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void aTokenWithoutAudienceIsUnauthorized() {
        suppressWith(RefusedTokens.withoutAudience("analyst")).statusCode(401);
    }

    @Test
    void aTokenLivingLongerThanTheCapIsUnauthorized() {
        suppressWith(RefusedTokens.livingTooLong(JwtKeys.ALERT_AUDIENCE, "analyst")).statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTokenIssuedInTheFutureIsUnauthorized() {
        suppressWith(RefusedTokens.issuedInTheFuture(JwtKeys.ALERT_AUDIENCE, "analyst")).statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTokenCarryingEveryServicesAudienceIsTaken() {
        // Past authentication and authorization: the body is what is wrong.
        given().auth().oauth2(Jwt.issuer(JwtKeys.ISSUER).audience(Set.copyOf(JwtKeys.AUDIENCES))
                        .upn("dana").groups("analyst").sign())
                .contentType("application/json").body(NO_REASON).post("/api/v1/suppressions").then()
                .statusCode(400);
    }

    @Test
    void anAnalystTokenForThisServiceIsTaken() {
        suppressWith(Tokens.analyst()).statusCode(400);
    }

    @Test
    void readsAreOpenByDefault() {
        get("/api/v1/findings").then().statusCode(200).body("page", equalTo(0));
        get("/api/v1/suppressions").then().statusCode(200);
    }

    private static ValidatableResponse suppressWith(String token) {
        return given().auth().oauth2(token).contentType("application/json").body(NO_REASON).post("/api/v1/suppressions").then();
    }
}
