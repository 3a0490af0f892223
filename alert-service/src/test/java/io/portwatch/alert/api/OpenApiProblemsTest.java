package io.portwatch.alert.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document at /q/openapi describes every error each operation of the API can answer, each as RFC 9457
 * Problem JSON: read the document and check each operation's error responses against what it does.
 */
@QuarkusTest
class OpenApiProblemsTest {

    private static final List<String> READ = List.of("401", "403", "503");
    private static final List<String> READ_WITH_PARAMETERS = List.of("400", "401", "403", "503");
    private static final List<String> READ_BY_ID = List.of("401", "403", "404", "503");
    private static final List<String> ANALYST_ACTION = List.of("400", "401", "403", "404", "409", "413", "503");

    /** Each operation (method and path) and the errors it can answer. */
    private static final Map<String, List<String>> ERRORS = Map.ofEntries(
            Map.entry("get /api/v1/findings", READ_WITH_PARAMETERS),
            Map.entry("get /api/v1/findings/search", READ_WITH_PARAMETERS),
            Map.entry("get /api/v1/findings/export", READ_WITH_PARAMETERS),
            Map.entry("get /api/v1/findings/overview", READ_WITH_PARAMETERS),
            Map.entry("get /api/v1/findings/live", READ),
            Map.entry("get /api/v1/findings/{id}", READ_BY_ID),
            Map.entry("post /api/v1/findings/{id}/acknowledge", ANALYST_ACTION),
            Map.entry("post /api/v1/findings/{id}/suppress", ANALYST_ACTION),
            Map.entry("post /api/v1/findings/{id}/resolve", ANALYST_ACTION),
            Map.entry("get /api/v1/suppressions", READ),
            Map.entry("post /api/v1/suppressions", List.of("400", "401", "403", "413", "503")),
            Map.entry("delete /api/v1/suppressions/{id}", READ_BY_ID),
            Map.entry("get /api/v1/assets", READ_WITH_PARAMETERS),
            Map.entry("get /api/v1/assets/{id}", READ_BY_ID),
            Map.entry("get /api/v1/probes", READ_WITH_PARAMETERS),
            Map.entry("get /api/v1/probes/{id}", READ_BY_ID),
            Map.entry("post /api/v1/probes/{id}/revoke", READ_BY_ID),
            Map.entry("post /api/v1/probes/enrolments", List.of("400", "401", "409", "413", "422", "503")),
            Map.entry("get /api/v1/console", List.of()));

    @Test
    void everyOperationListsItsErrorsAsProblemJson() {
        JsonPath document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = document.getMap("paths");

        Set<String> operations = new TreeSet<>();
        paths.forEach((path, methods) -> methods.forEach((method, operation) -> {
            if (path.startsWith("/api/")) {
                operations.add(method + " " + path);
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) ((Map<String, Object>) operation).get("responses");
                List<String> errors = responses.keySet().stream().filter(code -> code.charAt(0) == '4' || code.charAt(0) == '5').sorted().toList();
                assertThat(errors).as(method + " " + path).containsExactlyElementsOf(ERRORS.getOrDefault(method + " " + path, List.of("?")));
                assertThat(responses.keySet()).as(method + " " + path + " answers a success too").anyMatch(code -> code.startsWith("2"));
                errors.forEach(code -> assertThat(responses.get(code).get("$ref")).as(method + " " + path + " " + code)
                        .asString().startsWith("#/components/responses/"));
            }
        }));
        assertThat(operations).containsExactlyInAnyOrderElementsOf(ERRORS.keySet());

        Map<String, Map<String, Object>> components = document.getMap("components.responses");
        assertThat(components).isNotEmpty();
        components.forEach((name, response) -> assertThat(at(response, "content", "application/problem+json", "schema", "$ref"))
                .as(name).isEqualTo("#/components/schemas/Problem"));
        assertThat(document.getList("components.schemas.Problem.required", String.class))
                .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance");
    }

    /** The value under these keys of nested maps. */
    private static Object at(Object node, String... keys) {
        Object value = node;
        for (String key : keys) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return value;
    }
}
