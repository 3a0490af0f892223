package io.portwatch.alert.api;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.Tokens;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.ListenerEventType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The console's read API: keyset-paged search, exports and the overview, over findings raised through the real topics. */
@QuarkusTest
class FindingSearchApiTest {

    private static final PortKey SNMP = new PortKey(Transport.UDP, 161);
    private static final String RULE = "legacy-service-exposed";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private AlertFlow flow;
    private String prefix;

    @BeforeEach
    void knowledgeIsPublished() {
        flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(SNMP, ServiceStatus.LEGACY, Risk.HIGH));
        prefix = "srch-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() {
        flow.close();
    }

    @Test
    void followingTheCursorVisitsEveryFindingOnceWhileNewOnesArrive() {
        for (int i = 0; i < 5; i++) {
            raise(prefix + "-" + i, "snmpd");
        }
        List<String> seen = new ArrayList<>();
        JsonPath first = search("q", prefix, "limit", "2");
        assertThat(first.getLong("totalItems")).isEqualTo(5);
        seen.addAll(first.getList("items.findingId"));
        raise(prefix + "-late", "snmpd");
        String cursor = first.getString("nextCursor");
        while (cursor != null) {
            JsonPath page = search("q", prefix, "limit", "2", "cursor", cursor);
            seen.addAll(page.getList("items.findingId"));
            cursor = page.getString("nextCursor");
        }
        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void eachSortPagesToTheSameSetOfFindings() {
        for (int i = 0; i < 3; i++) {
            raise(prefix + "-" + i, "snmpd");
        }
        for (String sort : List.of("severity", "lastSeen", "firstSeen")) {
            List<String> ids = new ArrayList<>();
            String cursor = "";
            do {
                JsonPath page = search("q", prefix, "limit", "1", "sort", sort, "cursor", cursor);
                ids.addAll(page.getList("items.findingId"));
                cursor = page.getString("nextCursor");
            } while (cursor != null);
            assertThat(ids).as(sort).hasSize(3).doesNotHaveDuplicates();
        }
    }

    @Test
    void sortUpdatedBringsAFindingChangedWhilePagingAgainBehindTheCursor() {
        for (int i = 0; i < 3; i++) {
            raise(prefix + "-" + i, "snmpd");
        }
        JsonPath first = search("q", prefix, "limit", "1", "sort", "updated");
        String oldest = first.getString("items[0].findingId");
        assertThat(first.getString("items[0].host.id")).isEqualTo(prefix + "-0");
        given().header("Authorization", "Bearer " + Tokens.analyst()).contentType("application/json")
                .body("{\"reason\":\"changed while a client pages\"}")
                .post("/api/v1/findings/{id}/acknowledge", oldest).then().statusCode(200);

        List<String> states = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String cursor = first.getString("nextCursor");
        while (cursor != null) {
            JsonPath page = search("q", prefix, "limit", "1", "sort", "updated", "cursor", cursor);
            ids.addAll(page.getList("items.findingId"));
            states.addAll(page.getList("items.state"));
            cursor = page.getString("nextCursor");
        }
        assertThat(ids).hasSize(3).doesNotHaveDuplicates().endsWith(oldest);
        assertThat(states).endsWith("ACKNOWLEDGED");
    }

    @Test
    void updatedSinceKeepsTheFindingsChangedAtOrAfterIt() {
        raise(prefix + "-before", "snmpd");
        Instant between = Instant.now();
        raise(prefix + "-after", "snmpd");

        JsonPath changed = search("q", prefix, "updatedSince", between.toString(), "sort", "updated");
        assertThat(changed.getList("items.host.id")).containsExactly(prefix + "-after");
        assertThat(search("q", prefix, "updatedSince", "2000-01-01T00:00:00+02:00").getLong("totalItems")).isEqualTo(2);
        String export = given().queryParam("q", prefix).queryParam("updatedSince", between.toString()).queryParam("format", "csv")
                .get("/api/v1/findings/export").then().statusCode(200).extract().asString();
        assertThat(export.lines()).hasSize(2).last().asString().contains(prefix + "-after");
    }

    @Test
    void thePageNumberedListStopsAtItsOffsetBound() {
        given().queryParam("page", 100).queryParam("size", 100).get("/api/v1/findings").then()
                .statusCode(200);
        given().queryParam("page", 101).queryParam("size", 100).get("/api/v1/findings").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("/api/v1/findings/search"));
    }

    @Test
    void filtersNarrowTheResult() {
        raise(prefix + "-a", "snmpd");
        given().queryParam("q", prefix).queryParam("state", "open,acknowledged").queryParam("severity", "HIGH,CRITICAL")
                .queryParam("rule", RULE).queryParam("port", 161).queryParam("transport", "UDP")
                .get("/api/v1/findings/search").then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].host.id", equalTo(prefix + "-a"))
                .body("nextCursor", nullValue());
        given().queryParam("q", prefix).queryParam("state", "RESOLVED").get("/api/v1/findings/search").then()
                .statusCode(200).body("totalItems", equalTo(0));
        given().queryParam("q", prefix.toUpperCase()).queryParam("transport", "tcp").get("/api/v1/findings/search").then()
                .statusCode(200).body("totalItems", equalTo(0));
        given().queryParam("asset", prefix + "-a").get("/api/v1/findings/search").then()
                .statusCode(200).body("items.host.id", everyItem(equalTo(prefix + "-a")));
    }

    @Test
    void textSearchTakesWildcardCharactersLiterally() {
        raise(prefix + "-x", "snmpd");
        given().queryParam("q", prefix.replace("-", "_")).get("/api/v1/findings/search").then()
                .statusCode(200).body("totalItems", equalTo(0));
        given().queryParam("q", "%").queryParam("rule", "no-such-rule").get("/api/v1/findings/search").then()
                .statusCode(200).body("totalItems", equalTo(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cursor|not a cursor|cursor",
        "cursor|AAAA|cursor",
        "limit|0|limit",
        "limit|1000|limit",
        "sort|severity desc|sort",
        "state|OPEN,NOPE|state",
        "severity|urgent|severity",
        "port|70000|port",
        "transport|icmp|transport",
        "rule|a\u0007b|rule",
        "updatedSince|yesterday|updatedSince",
        "updatedSince|2026-12-01T08:00:00|updatedSince",
        "updatedSince|2026-12-01T08:00:00Z\u001b[2K|updatedSince",
    })
    void badSearchInputIsAProblem(String name, String value, String named) {
        given().queryParam(name, value).get("/api/v1/findings/search").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(named));
    }

    @Test
    void aCursorOfAnotherSortIsRefused() {
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString("LAST_SEEN|0|1|abc".getBytes());
        given().queryParam("cursor", cursor).get("/api/v1/findings/search").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("LAST_SEEN"));
    }

    @Test
    void csvExportHoldsTheFilteredSetWithFormulasMadeInert() {
        raise(prefix + "-csv", "=HYPERLINK(\"http://198.51.100.1\",\"x\")");
        String csv = given().queryParam("q", prefix).queryParam("format", "csv").get("/api/v1/findings/export").then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("findings.csv"))
                .header(FindingResource.TRUNCATED_HEADER, equalTo("false"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("findingId,severity,state,rule");
        assertThat(lines.get(1)).contains(prefix + "-csv", "'=HYPERLINK").doesNotContain(",=HYPERLINK");
    }

    @Test
    void jsonExportHoldsFindings() {
        raise(prefix + "-json", "snmpd");
        given().queryParam("q", prefix).queryParam("format", "json").get("/api/v1/findings/export").then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].listener.process.name", equalTo("snmpd"));
        given().queryParam("format", "xml").get("/api/v1/findings/export").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void overviewCountsOpenFindingsAndTheirOpeningInTheTimeline() {
        raise(prefix + "-ov", "snmpd");
        JsonPath overview = given().queryParam("days", 1).get("/api/v1/findings/overview").then()
                .statusCode(200)
                .body("bucket", equalTo("hour"))
                .body("timeline", hasSize(24))
                .body("openStates", not(hasItem("RESOLVED")))
                .body("openBySeverity.HIGH", greaterThanOrEqualTo(1))
                .body("openByRule.rule", hasItem(RULE))
                .body("topServices.findAll { it.port == 161 }.transport", hasItem("udp"))
                .extract().jsonPath();
        assertThat(overview.getLong("timeline[-1].opened")).isGreaterThanOrEqualTo(1);
        given().queryParam("days", 14).get("/api/v1/findings/overview").then()
                .statusCode(200).body("bucket", equalTo("day")).body("timeline", hasSize(14));
        given().queryParam("days", 91).get("/api/v1/findings/overview").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("days"));
    }

    @Test
    void consoleIsServedWithItsSecurityHeaders() {
        given().get("/console/").then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("require-trusted-types-for 'script'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .body(containsString("Portwatch console"));
        given().get("/api/v1/console").then().statusCode(200).body("registryUrl", equalTo("http://127.0.0.1:8081"));
    }

    private void raise(String hostId, String processName) {
        flow.publish(Fixtures.event(ListenerEventType.OPENED, hostId,
                Fixtures.owned(Fixtures.listener(SNMP, "0.0.0.0", Exposure.ALL_INTERFACES), processName)));
        flow.awaitFinding(hostId, SNMP, RULE, FindingState.OPEN);
    }

    private static JsonPath search(String... params) {
        var request = given();
        for (int i = 0; i < params.length; i += 2) {
            if (!params[i + 1].isEmpty()) {
                request.queryParam(params[i], params[i + 1]);
            }
        }
        return request.get("/api/v1/findings/search").then().statusCode(200).extract().jsonPath();
    }
}
