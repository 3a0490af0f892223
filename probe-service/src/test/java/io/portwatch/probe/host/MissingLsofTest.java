package io.portwatch.probe.host;

import io.portwatch.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** A probe told to read listeners with an lsof that is not there: readiness DOWN saying why and how to fix it, and nothing reported. */
@QuarkusTest
@TestProfile(MissingLsofTest.LsofMissing.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class MissingLsofTest {

    /** The lsof backend pointed at a file that does not exist. */
    public static class LsofMissing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portwatch.probe.host-mode.backend", "lsof", "portwatch.probe.host-mode.lsof.command", "/nonexistent/lsof");
        }
    }

    @Test
    void readinessIsDownWithTheReasonAndNoListenerIsReported() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'probe-host-inventory' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'probe-host-inventory' }.data.backend", equalTo("lsof"))
                .body("checks.find { it.name == 'probe-host-inventory' }.data.problem", containsString("apt-get install lsof")));
        get("/api/v1/listeners").then().statusCode(200).body("$", empty());
    }
}
