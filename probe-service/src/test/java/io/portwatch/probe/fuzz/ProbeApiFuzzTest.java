package io.portwatch.probe.fuzz;

import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.JwtKeysResource;
import io.portwatch.testing.KafkaBrokerResource;
import io.portwatch.testing.RestFuzz;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every probe-service endpoint under hostile input: malformed, huge and wrongly typed scan requests,
 * hostile targets and port lists, cancels of hostile scan ids, wrong content types, and missing, garbage, expired, forged and
 * under-privileged tokens. Each answer is below 500, a 4xx is Problem JSON, and no scan is started
 * (the bodies are never a valid scan, so nothing is sent).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(JwtKeysResource.class)
class ProbeApiFuzzTest {

    private static final int REQUESTS = 500;

    @Test
    void hostileRequestsGetProblemsAndStartNoScan() {
        RestFuzz fuzz = new RestFuzz(Long.getLong("fuzz.seed", RestFuzz.DEFAULT_SEED));
        List<Supplier<String>> authorizations = RestFuzz.authorizations(JwtKeys.PROBE_AUDIENCE, "operator", "analyst");
        String operator = authorizations.get(authorizations.size() - 1).get();
        int scansBefore = scans(operator);

        for (int i = 0; i < REQUESTS; i++) {
            String description;
            Response response;
            switch (i % 5) {
                case 0 -> {
                    description = "POST /api/v1/scans";
                    response = RestFuzz.request(fuzz.pick(authorizations).get()).contentType(fuzz.contentType()).body(fuzz.bodyBytes())
                            .post("/api/v1/scans");
                }
                case 1 -> {
                    String body = "{\"targets\":[\"" + fuzz.value() + "\"],\"ports\":\"" + fuzz.value() + "\",\"transports\":[\""
                            + fuzz.value() + "\"]}";
                    description = "POST /api/v1/scans " + body.substring(0, Math.min(200, body.length()));
                    response = RestFuzz.request(fuzz.pick(authorizations).get()).contentType("application/json").body(body)
                            .post("/api/v1/scans");
                }
                case 2 -> {
                    String id = fuzz.value();
                    description = "GET /api/v1/scans/" + id;
                    response = RestFuzz.request(fuzz.pick(authorizations).get()).get("/api/v1/scans/{id}", id);
                }
                case 3 -> {
                    String id = fuzz.value();
                    description = "DELETE /api/v1/scans/" + id;
                    response = RestFuzz.request(fuzz.pick(authorizations).get()).delete("/api/v1/scans/{id}", id);
                }
                default -> {
                    description = "GET /api/v1/listeners?" + fuzz.value();
                    response = RestFuzz.request(fuzz.pick(authorizations).get()).queryParam("x", fuzz.value()).get("/api/v1/listeners");
                }
            }
            RestFuzz.assertProblemOrSuccess(response, description + " (seed " + fuzz.seed() + ")");
        }
        assertThat(scans(operator)).as("scans after the fuzz (seed " + fuzz.seed() + ")").isEqualTo(scansBefore);
    }

    private static int scans(String operator) {
        return RestFuzz.request(operator).get("/api/v1/scans").then().statusCode(200).extract().jsonPath().getList("$").size();
    }
}
