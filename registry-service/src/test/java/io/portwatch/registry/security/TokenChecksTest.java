package io.portwatch.registry.security;

import io.portwatch.registry.ReadyRegistry;
import io.portwatch.registry.Tokens;
import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.RefusedTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * registry-service takes only tokens made for it ({@code aud} portwatch-registry), living at most an hour and not
 * issued in the future. A write without {@code If-Match} answers 428 once the token is taken, so a 428 proves it was.
 */
@QuarkusTest
class TokenChecksTest {

    @BeforeEach
    void ready() {
        ReadyRegistry.await60s();
    }

    @Test
    void aTokenForAnotherServiceIsUnauthorized() {
        curateWith(RefusedTokens.forAudience(JwtKeys.ALERT_AUDIENCE, "registry-admin"))
                .statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void aTokenWithoutAudienceIsUnauthorized() {
        curateWith(RefusedTokens.withoutAudience("registry-admin")).statusCode(401);
    }

    @Test
    void aTokenLivingLongerThanTheCapIsUnauthorized() {
        curateWith(RefusedTokens.livingTooLong(JwtKeys.REGISTRY_AUDIENCE, "registry-admin")).statusCode(401);
    }

    @Test
    void aTokenIssuedInTheFutureIsUnauthorized() {
        curateWith(RefusedTokens.issuedInTheFuture(JwtKeys.REGISTRY_AUDIENCE, "registry-admin"))
                .statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anAdminTokenForThisServiceIsTaken() {
        curateWith(Tokens.admin()).statusCode(428);
    }

    @Test
    void readsStayPublic() {
        get("/api/v1/ports/22/tcp").then().statusCode(200).body("serviceName", equalTo("ssh"));
    }

    private static ValidatableResponse curateWith(String token) {
        return given().auth().oauth2(token).contentType("application/json").body("{\"risk\":\"HIGH\"}")
                .put("/api/v1/knowledge/tcp/{port}", 3031).then();
    }
}
