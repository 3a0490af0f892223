package io.portwatch.registry.knowledge;

import io.portwatch.registry.ReadyRegistry;
import io.portwatch.registry.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** With {@code portwatch.registry.reads-require-token=true}, reads need a valid token too (any role). */
@QuarkusTest
@TestProfile(ClosedReadsTest.ReadsRequireToken.class)
class ClosedReadsTest {

    /** Closes reads. */
    public static class ReadsRequireToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portwatch.registry.reads-require-token", "true");
        }
    }

    @Test
    void readWithoutTokenIsUnauthorized() {
        ReadyRegistry.await60s();
        get("/api/v1/ports/22/tcp").then()
                .statusCode(401)
                .contentType("application/problem+json");
        get("/api/v1/services/ssh").then().statusCode(401);
    }

    @Test
    void readWithAnyValidTokenIsServed() {
        ReadyRegistry.await60s();
        given().auth().oauth2(Tokens.withRole("reader", "viewer")).get("/api/v1/ports/22/tcp").then()
                .statusCode(200)
                .body("serviceName", equalTo("ssh"));
    }

    @Test
    void healthStaysOpen() {
        get("/q/health/live").then().statusCode(200);
    }
}
