package io.portwatch.registry.knowledge;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The operator console (alert-service's origin) may call the knowledge API from the browser; other origins may not. */
@QuarkusTest
class ConsoleCorsTest {

    private static final String CONSOLE = "http://127.0.0.1:8082";

    @Test
    void theConsoleMayPutWithIfMatchAndReadTheETag() {
        given().header("Origin", CONSOLE).header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .options("/api/v1/knowledge/udp/3283").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(CONSOLE))
                .header("Access-Control-Allow-Methods", containsStringIgnoringCase("PUT"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("If-Match"));
        given().header("Origin", CONSOLE).get("/api/v1/ports/3283/udp").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(CONSOLE))
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("ETag"));
    }

    @Test
    void anotherOriginIsNotAllowed() {
        given().header("Origin", "http://evil.example").get("/api/v1/ports/3283/udp").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "http://evil.example").header("Access-Control-Request-Method", "PUT")
                .options("/api/v1/knowledge/udp/3283").then()
                .header("Access-Control-Allow-Origin", not(equalTo("http://evil.example")));
    }
}
