package io.portwatch.alert.fuzz;

import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.RestFuzz;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every alert-service endpoint under hostile input: random and boundary values in paths and query
 * strings, malformed, huge and wrongly typed bodies, wrong content types, and missing, garbage,
 * expired, forged and under-privileged tokens. Each answer is below 500, a 4xx is Problem JSON, and
 * no row of findings, history, suppression policies or probes changes.
 */
@QuarkusTest
class AlertApiFuzzTest {

    private static final int REQUESTS = 600;
    /** Host and asset ids in the shapes the API canonicalizes, well and badly formed. */
    private static final List<String> HOST_IDS = List.of("::1@lab", "0:0:0:0:0:0:0:1@lab", "10.0.0.1@", "@", "@@", "999.1.1.1@lab",
            "::ffff:10.0.0.1@z", "fe80::1%eth0@lab", "[::1]@lab", "10.0.0.1@lab@lab", "node/10.0.0.1@lab", "010.0.0.1@lab");

    @Inject
    EntityManager entityManager;

    @Test
    void hostileRequestsGetProblemsAndChangeNothing() {
        RestFuzz fuzz = new RestFuzz(Long.getLong("fuzz.seed", RestFuzz.DEFAULT_SEED));
        List<Supplier<String>> authorizations = new ArrayList<>(RestFuzz.authorizations(JwtKeys.ALERT_AUDIENCE, "analyst", "registry-admin"));
        authorizations.addAll(RestFuzz.authorizations(JwtKeys.ALERT_AUDIENCE, "fleet-admin", "viewer"));
        String rowsBefore = rows();

        for (int i = 0; i < REQUESTS; i++) {
            RequestSpecification request = RestFuzz.request(fuzz.pick(authorizations).get());
            String description;
            Response response;
            switch (i % 11) {
                case 0 -> {
                    request.queryParam("state", fuzz.value()).queryParam("severity", fuzz.value()).queryParam("host", fuzz.value())
                            .queryParam("asset", hostId(fuzz)).queryParam("port", fuzz.value()).queryParam("page", fuzz.value()).queryParam("size", fuzz.value());
                    description = "GET /api/v1/findings?...";
                    response = request.get("/api/v1/findings");
                }
                case 1 -> {
                    String id = fuzz.value();
                    description = "GET /api/v1/findings/" + id;
                    response = request.get("/api/v1/findings/{id}", id);
                }
                case 2, 3 -> {
                    String action = fuzz.pick(List.of("acknowledge", "suppress", "resolve", "reopen", ""));
                    String id = fuzz.value();
                    description = "POST /api/v1/findings/" + id + "/" + action;
                    response = request.contentType(fuzz.contentType()).body(fuzz.bodyBytes())
                            .post("/api/v1/findings/{id}/" + action, id);
                }
                case 5 -> {
                    request.queryParam("page", fuzz.value()).queryParam("size", fuzz.value());
                    description = "GET /api/v1/assets?...";
                    response = request.get("/api/v1/assets");
                }
                case 6 -> {
                    String id = hostId(fuzz);
                    description = "GET /api/v1/assets/" + id;
                    response = request.get("/api/v1/assets/{id}", id);
                }
                case 4 -> {
                    description = "POST /api/v1/suppressions";
                    response = request.contentType(fuzz.contentType()).body(fuzz.bodyBytes()).post("/api/v1/suppressions");
                }
                case 7 -> {
                    description = "POST /api/v1/probes/enrolments";
                    response = request.contentType(fuzz.contentType()).body(fuzz.bodyBytes()).post("/api/v1/probes/enrolments");
                }
                case 8 -> {
                    String id = fuzz.value();
                    description = (fuzz.coin() ? "POST /api/v1/probes/" + id + "/revoke" : "GET /api/v1/probes/" + id);
                    response = description.startsWith("POST") ? request.post("/api/v1/probes/{id}/revoke", id)
                            : request.get("/api/v1/probes/{id}", id);
                }
                case 9 -> {
                    request.queryParam("page", fuzz.value()).queryParam("size", fuzz.value());
                    description = "GET /api/v1/probes?...";
                    response = request.get("/api/v1/probes");
                }
                default -> {
                    String id = fuzz.value();
                    description = (fuzz.coin() ? "DELETE" : "GET") + " /api/v1/suppressions/" + id;
                    response = description.startsWith("DELETE") ? request.delete("/api/v1/suppressions/{id}", id)
                            : request.get("/api/v1/suppressions/{id}", id);
                }
            }
            RestFuzz.assertProblemOrSuccess(response, description + " (seed " + fuzz.seed() + ")");
        }
        assertThat(rows()).as("rows after the fuzz (seed " + fuzz.seed() + ")").isEqualTo(rowsBefore);
    }

    private static String hostId(RestFuzz fuzz) {
        return fuzz.coin() ? fuzz.value() : URLEncoder.encode(fuzz.pick(HOST_IDS), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Counts and versions of every table an API call could change. */
    private String rows() {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(entityManager.createNativeQuery(
                "SELECT (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM finding) || ' ' "
                        + "|| (SELECT count(*) FROM finding_history) || ' ' || (SELECT count(*) FROM suppression_policy) || ' ' "
                        + "|| (SELECT count(*) FROM asset_address) || ' ' || (SELECT count(*) || '/' || count(revoked_at) FROM probe)")
                .getSingleResult()));
    }
}
