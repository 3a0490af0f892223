package io.portwatch.registry.knowledge;

import io.portwatch.registry.ReadyRegistry;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class KnowledgeResourceTest {

    @BeforeEach
    void registryIsReady() {
        ReadyRegistry.await60s();
    }

    @Test
    void curatedEntryAnswersWithItsRiskKnowledge() {
        get("/api/v1/ports/{port}/{transport}", 3283, "udp").then()
                .statusCode(200)
                .body("serviceName", equalTo("net-assistant"))
                .body("transport", equalTo("udp"))
                .body("range", equalTo("REGISTERED"))
                .body("risk", equalTo("CRITICAL"))
                .body("amplificationFactor", equalTo(35.5f))
                .body("expectedProcesses", hasItem("ARDAgent"))
                .body("version", equalTo(1));
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
                .body("transport", equalTo(java.util.List.of("tcp", "udp")))
                .body("[0].plaintextCredentials", equalTo(true));
    }

    @Test
    void unassignedPortAnswersWithItsRange() {
        get("/api/v1/ports/{port}/{transport}", 49_999, "tcp").then()
                .statusCode(200)
                .body("status", equalTo("UNASSIGNED"))
                .body("range", equalTo("DYNAMIC"))
                .body("port", equalTo(49_999));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "abc", "99999999999"})
    void badPortIsAProblem(String port) {
        get("/api/v1/ports/{port}/tcp", port).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString(port.equals("abc") ? "not a number" : port))
                .body("instance", equalTo("/api/v1/ports/" + port + "/tcp"));
    }

    @Test
    void unknownTransportIsAProblemNamingTheAcceptedOnes() {
        get("/api/v1/ports/{port}/{transport}", 3283, "icmp").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("tcp, udp, sctp, dccp"));
    }

    @Test
    void unknownPathIsAProblemToo() {
        get("/api/v1/nothing-here").then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
