package io.portwatch.registry.lookup;

import io.portwatch.registry.ReadyRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Header;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where the lookup route sits among Quarkus' handlers, and what it keeps of them: it answers before the authentication
 * handler (and the handlers after it), after CORS, with the headers Quarkus REST answers, and its requests are still
 * timed in {@code http_server_requests_seconds} under the endpoints' URI templates.
 */
@QuarkusTest
class LookupRoutesTest {

    private static final String CONSOLE = "http://127.0.0.1:8082";
    private static final List<List<String>> FAST_AND_REST = List.of(
            List.of("/api/v1/ports/3283/udp", "/api/v1/ports/3283/UDP"),
            List.of("/api/v1/ports/22", "/api/v1/ports/022"),
            List.of("/api/v1/ports/40000", "/api/v1/ports/040000"));

    @BeforeEach
    void registryIsReady() {
        ReadyRegistry.await60s();
    }

    @Test
    void aLookupIsAnsweredBeforeTheAuthenticationHandlerAndAnotherSpellingAfterIt() {
        for (List<String> pair : FAST_AND_REST) {
            given().header(OrderProbe.ASK, "1").get(pair.get(0)).then().statusCode(200)
                    .header(OrderProbe.REACHED, (String) null);
            given().header(OrderProbe.ASK, "1").get(pair.get(1)).then().statusCode(200)
                    .header(OrderProbe.REACHED, "true");
        }
    }

    @Test
    void theRouteAnswersEveryHeaderQuarkusRestAnswersWithOrWithoutTheConsolesOrigin() {
        for (String origin : new String[] {null, CONSOLE, "http://evil.example"}) {
            for (List<String> pair : FAST_AND_REST) {
                Response fast = request(origin).get(pair.get(0));
                Response rest = request(origin).get(pair.get(1));
                String what = pair + " Origin " + origin;
                assertThat(fast.statusCode()).as(what).isEqualTo(rest.statusCode());
                assertThat(headers(fast)).as(what).isEqualTo(headers(rest));
                assertThat(fast.asByteArray()).as(what).isEqualTo(rest.asByteArray());
            }
        }
        assertThat(request(CONSOLE).get("/api/v1/ports/22/tcp").header("Access-Control-Allow-Origin")).isEqualTo(CONSOLE);
    }

    @Test
    void aBearerTokenThatIsNotValidChangesNothingWhileReadsAreOpen() {
        for (List<String> pair : FAST_AND_REST) {
            Response fast = given().header("Authorization", "Bearer not.a.token").get(pair.get(0));
            Response rest = given().header("Authorization", "Bearer not.a.token").get(pair.get(1));
            assertThat(fast.statusCode()).as(pair.toString()).isEqualTo(rest.statusCode()).isEqualTo(200);
            assertThat(fast.asByteArray()).as(pair.toString()).isEqualTo(rest.asByteArray());
        }
    }

    @Test
    void lookupsAnsweredByTheRouteAreCountedUnderTheirUriTemplates() {
        String byKey = "/api/v1/ports/{port}/{transport}";
        String byPort = "/api/v1/ports/{port}";
        double byKeyBefore = count(byKey, "200");
        double byPortBefore = count(byPort, "200");
        double notModifiedBefore = count(byKey, "304");
        String etag = get("/api/v1/ports/443/tcp").then().statusCode(200).extract().header("ETag");
        for (int i = 0; i < 4; i++) {
            get("/api/v1/ports/" + (1000 + i) + "/udp").then().statusCode(200);
            get("/api/v1/ports/" + (2000 + i)).then().statusCode(200);
        }
        given().header("If-None-Match", etag).get("/api/v1/ports/443/tcp").then().statusCode(304);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(count(byKey, "200") - byKeyBefore).isEqualTo(5);
            assertThat(count(byPort, "200") - byPortBefore).isEqualTo(4);
            assertThat(count(byKey, "304") - notModifiedBefore).isEqualTo(1);
        });
        assertThat(get("/q/metrics").asString()).containsPattern(
                "http_server_requests_seconds_sum\\{.*uri=\"" + Pattern.quote(byKey) + "\".*} [0-9.E-]+");
    }

    private static io.restassured.specification.RequestSpecification request(String origin) {
        return origin == null ? given() : given().header("Origin", origin);
    }

    private static Map<String, String> headers(Response response) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.headers()) {
            headers.merge(header.getName(), header.getValue(), (a, b) -> a + ", " + b);
        }
        return headers;
    }

    /** The count of GET requests answered with a status for a URI template in /q/metrics, 0 when not there yet. */
    private static double count(String uri, String status) {
        Pattern line = Pattern.compile("^http_server_requests_seconds_count\\{(.*)} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(get("/q/metrics").asString());
        double total = 0;
        while (matcher.find()) {
            String tags = matcher.group(1);
            if (tags.contains("method=\"GET\"") && tags.contains("status=\"" + status + "\"")
                    && tags.contains("uri=\"" + uri + "\"")) {
                total += Double.parseDouble(matcher.group(2));
            }
        }
        return total;
    }
}
