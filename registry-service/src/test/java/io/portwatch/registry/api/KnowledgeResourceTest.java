package io.portwatch.registry.api;

import io.portwatch.registry.ReadyRegistry;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class KnowledgeResourceTest {

    @BeforeEach
    void registryIsReady() {
        ReadyRegistry.await60s();
    }

    @Test
    void curatedEntryAnswersWithItsRiskKnowledgeOverIanas() {
        get("/api/v1/ports/{port}/{transport}", 3283, "udp").then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("serviceName", equalTo("net-assistant"))
                .body("aliases", hasItem("Apple Remote Desktop (Net Assistant)"))
                .body("range", equalTo("REGISTERED"))
                .body("risk", equalTo("CRITICAL"))
                .body("amplificationFactor", equalTo(35.5f))
                .body("expectedProcesses", hasItem("ARDAgent"));
    }

    @Test
    void ianaOnlyEntryIsActiveWithNoRisk() {
        get("/api/v1/ports/{port}/{transport}", 22, "tcp").then()
                .statusCode(200)
                .body("serviceName", equalTo("ssh"))
                .body("status", equalTo("ACTIVE"))
                .body("risk", equalTo("NONE"))
                .body("range", equalTo("SYSTEM"));
    }

    @Test
    void reservedPortIsReserved() {
        get("/api/v1/ports/{port}/{transport}", 0, "udp").then()
                .statusCode(200)
                .body("status", equalTo("RESERVED"));
    }

    @Test
    void sctpEntriesAreKnown() {
        get("/api/v1/ports/{port}/{transport}", 3868, "sctp").then()
                .statusCode(200)
                .body("serviceName", equalTo("diameter"));
    }

    @Test
    void transportIsCaseInsensitive() {
        get("/api/v1/ports/{port}/{transport}", 3031, "TCP").then()
                .statusCode(200)
                .body("serviceName", equalTo("eppc"))
                .body("expectedProcesses", hasItem("rapportd"));
    }

    @Test
    void portLookupListsEachTransport() {
        get("/api/v1/ports/{port}", 311).then()
                .statusCode(200)
                .body("$", hasSize(2))
                .body("transport", equalTo(List.of("tcp", "udp")))
                .body("[0].plaintextCredentials", equalTo(true));
    }

    @Test
    void unassignedPortAnswersWithItsRange() {
        get("/api/v1/ports/{port}/{transport}", 49_999, "tcp").then()
                .statusCode(200)
                .body("status", equalTo("UNASSIGNED"))
                .body("range", equalTo("DYNAMIC"))
                .body("port", equalTo(49_999));
        get("/api/v1/ports/{port}", 29_500).then()
                .statusCode(200)
                .body("status", everyItem(equalTo("UNASSIGNED")))
                .body("range", everyItem(equalTo("REGISTERED")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"net-assistant", "NET-ASSISTANT", "apple remote desktop (net assistant)", "ard"})
    void serviceNamesAndAliasesResolveIgnoringCase(String name) {
        get("/api/v1/services/{name}", name).then()
                .statusCode(200)
                .body("port", everyItem(equalTo(3283)))
                .body("transport", equalTo(List.of("tcp", "udp")));
    }

    @Test
    void ianaAliasResolvesToo() {
        get("/api/v1/services/{name}", "nameserver").then()
                .statusCode(200)
                .body("port", hasItem(42));
    }

    @Test
    void unknownServiceIsANotFoundProblem() {
        get("/api/v1/services/{name}", "no-such-service").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no-such-service"));
    }

    @Test
    void searchFiltersAndPagesInPortOrder() {
        given().queryParam("q", "apple").queryParam("transport", "udp").queryParam("size", 2)
                .get("/api/v1/ports").then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("totalItems", greaterThan(2))
                .body("items.transport", everyItem(equalTo("udp")));
        given().queryParam("risk", "critical").get("/api/v1/ports").then()
                .statusCode(200)
                .body("items.port", hasItem(3283))
                .body("items.risk", everyItem(equalTo("CRITICAL")));
        given().queryParam("status", "DEPRECATED").queryParam("q", "311").get("/api/v1/ports").then()
                .statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items.serviceName", everyItem(equalTo("asip-webadmin")));
    }

    @Test
    void pagesAreStableAndDoNotOverlap() {
        List<Integer> first = given().queryParam("q", "apple").queryParam("size", 3).queryParam("page", 0)
                .get("/api/v1/ports").then().statusCode(200).extract().path("items.port");
        List<Integer> second = given().queryParam("q", "apple").queryParam("size", 3).queryParam("page", 1)
                .get("/api/v1/ports").then().statusCode(200).extract().path("items.port");

        assertThat(first).isSorted();
        assertThat(second.get(0)).isGreaterThanOrEqualTo(first.get(2));
    }

    @Test
    void pageSizeIsClampedTo100() {
        given().queryParam("size", 5000).get("/api/v1/ports").then()
                .statusCode(200)
                .body("items", hasSize(100))
                .body("size", equalTo(100))
                .body("totalItems", greaterThan(12_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "abc", "99999999999", "3.5", " "})
    void badPortIsAProblem(String port) {
        get("/api/v1/ports/{port}/tcp", port).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", notNullValue());
    }

    @Test
    void unknownTransportIsAProblemNamingTheAcceptedOnes() {
        get("/api/v1/ports/{port}/{transport}", 3283, "icmp").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("tcp, udp, sctp, dccp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=-1", "size=0", "size=abc", "risk=EXTREME", "status=gone", "transport=icmp"})
    void badSearchParameterIsAProblem(String parameter) {
        String[] nameValue = parameter.split("=");
        given().queryParam(nameValue[0], nameValue[1]).get("/api/v1/ports").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(nameValue[0]));
    }

    @Test
    void unknownPathIsAProblemToo() {
        get("/api/v1/nothing-here").then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("paths", hasKey("/api/v1/ports/{port}/{transport}"));
    }
}
