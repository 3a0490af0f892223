package io.portwatch.registry.fuzz;

import io.portwatch.registry.ReadyRegistry;
import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.RestFuzz;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registry-service endpoint under hostile input: random and boundary ports, transports, names
 * and query strings, malformed, huge and wrongly typed bodies and CSVs, wrong content types and
 * If-Match values, and missing, garbage, expired, forged and under-privileged tokens. Each answer is
 * below 500, a 4xx is Problem JSON, and no knowledge row changes. (A valid admin token only ever
 * comes with a wrong If-Match, and never on the admin endpoints, whose valid use does change rows.)
 */
@QuarkusTest
class RegistryApiFuzzTest {

    private static final int REQUESTS = 600;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void hostileRequestsGetProblemsAndChangeNothing() throws SQLException {
        ReadyRegistry.await60s();
        RestFuzz fuzz = new RestFuzz(Long.getLong("fuzz.seed", RestFuzz.DEFAULT_SEED));
        List<Supplier<String>> authorizations = RestFuzz.authorizations(JwtKeys.REGISTRY_AUDIENCE, "registry-admin", "analyst");
        List<Supplier<String>> notAdmin = authorizations.subList(0, authorizations.size() - 1);
        String rowsBefore = rows();

        for (int i = 0; i < REQUESTS; i++) {
            String description;
            Response response;
            switch (i % 7) {
                case 0 -> {
                    String port = fuzz.value();
                    description = "GET /api/v1/ports/" + port;
                    response = RestFuzz.request(fuzz.pick(authorizations).get()).get("/api/v1/ports/{port}", port);
                }
                case 1 -> {
                    String port = fuzz.value();
                    String transport = fuzz.value();
                    description = "GET /api/v1/ports/" + port + "/" + transport;
                    response = RestFuzz.request(fuzz.pick(authorizations).get()).get("/api/v1/ports/{port}/{transport}", port, transport);
                }
                case 2 -> {
                    String name = fuzz.value();
                    description = "GET /api/v1/services/" + name;
                    response = RestFuzz.request(fuzz.pick(authorizations).get()).get("/api/v1/services/{name}", name);
                }
                case 3 -> {
                    description = "GET /api/v1/ports?...";
                    response = RestFuzz.request(fuzz.pick(authorizations).get()).queryParam("q", fuzz.value())
                            .queryParam("transport", fuzz.value()).queryParam("status", fuzz.value()).queryParam("risk", fuzz.value())
                            .queryParam("page", fuzz.value()).queryParam("size", fuzz.value()).get("/api/v1/ports");
                }
                case 4 -> {
                    String transport = fuzz.value();
                    String port = fuzz.value();
                    RequestSpecification request = RestFuzz.request(fuzz.pick(authorizations).get())
                            .contentType(fuzz.contentType()).body(fuzz.bodyBytes());
                    if (fuzz.coin()) {
                        request.header("If-Match", fuzz.pick(List.of("\"999999\"", "*", "garbage", "\"-1\"", "")));
                    }
                    description = "PUT /api/v1/knowledge/" + transport + "/" + port;
                    response = request.put("/api/v1/knowledge/{transport}/{port}", transport, port);
                }
                case 5 -> {
                    String transport = fuzz.value();
                    String port = fuzz.value();
                    description = "GET /api/v1/knowledge/" + transport + "/" + port + "/history";
                    response = RestFuzz.request(fuzz.pick(authorizations).get())
                            .get("/api/v1/knowledge/{transport}/{port}/history", transport, port);
                }
                default -> {
                    String endpoint = fuzz.pick(List.of("iana-import", "republish", "nothing-here"));
                    description = "POST /api/v1/admin/" + endpoint;
                    response = RestFuzz.request(fuzz.pick(notAdmin).get()).contentType(fuzz.contentType()).body(fuzz.bodyBytes())
                            .post("/api/v1/admin/" + endpoint);
                }
            }
            RestFuzz.assertProblemOrSuccess(response, description + " (seed " + fuzz.seed() + ")");
        }
        assertThat(rows()).as("knowledge after the fuzz (seed " + fuzz.seed() + ")").isEqualTo(rowsBefore);
    }

    /** Count and versions of the knowledge, and the history and import logs. */
    private String rows() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM port_knowledge)"
                     + " || ' ' || (SELECT count(*) FROM knowledge_history) || ' ' || (SELECT count(*) FROM iana_import)")) {
            row.next();
            return row.getString(1);
        }
    }
}
