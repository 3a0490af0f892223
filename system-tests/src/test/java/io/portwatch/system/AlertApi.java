package io.portwatch.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** What the system tests read from alert-service's findings API. */
final class AlertApi {

    /** One finding as the API lists it. */
    record Finding(String findingId, String hostId, String transport, int port, String rule, String state, long version) {
    }

    static final int PAGE_SIZE = 20_000;

    private AlertApi() {
    }

    /**
     * Every finding, page by page. Pages are ordered by severity and last seen, which move while
     * alert-service works: callers that need one consistent listing raise alert-service's
     * {@code portwatch.alert.max-page-size} to {@value #PAGE_SIZE} so it is a single page.
     */
    static List<Finding> findings(int port) {
        List<Finding> findings = new ArrayList<>();
        int page = 0;
        int pages;
        do {
            var response = given().port(port).queryParam("size", PAGE_SIZE).queryParam("page", page)
                    .get("/api/v1/findings").then().statusCode(200).extract();
            List<Map<String, Object>> items = response.path("items");
            for (Map<String, Object> item : items) {
                @SuppressWarnings("unchecked")
                Map<String, Object> host = (Map<String, Object>) item.get("host");
                @SuppressWarnings("unchecked")
                Map<String, Object> listener = (Map<String, Object>) item.get("listener");
                // A fleet finding (probe-silent, probe-impersonation) is about a probe: it has no listener.
                findings.add(new Finding((String) item.get("findingId"), (String) host.get("id"),
                        listener == null ? null : (String) listener.get("transport"), listener == null ? -1 : (Integer) listener.get("port"),
                        (String) item.get("rule"), (String) item.get("state"), ((Number) item.get("version")).longValue()));
            }
            pages = response.path("totalPages");
            page++;
        } while (page < pages);
        return findings;
    }

    /** Every {@code findingId@version} the findings have gone through, each expected once on the alerts topic. */
    static Map<String, Long> changes(List<Finding> findings) {
        Map<String, Long> changes = new HashMap<>();
        for (Finding finding : findings) {
            for (long version = 1; version <= finding.version(); version++) {
                changes.put(finding.findingId() + "@" + version, 1L);
            }
        }
        return changes;
    }

    /** How many findings the API lists. */
    static long count(int port) {
        return given().port(port).queryParam("size", 1).get("/api/v1/findings").then().statusCode(200)
                .extract().<Integer>path("totalItems").longValue();
    }
}
