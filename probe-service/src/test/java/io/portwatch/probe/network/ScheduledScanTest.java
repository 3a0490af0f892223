package io.portwatch.probe.network;

import io.portwatch.simulators.SimulatorOptions;
import io.portwatch.simulators.Simulators;
import io.portwatch.probe.Tokens;
import io.portwatch.testing.JwtKeysResource;
import io.portwatch.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The configured scan runs on its schedule, without any request. */
@QuarkusTest
@TestProfile(ScheduledScanTest.Schedule.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(JwtKeysResource.class)
class ScheduledScanTest {

    static final String ADDRESS = "127.0.3.77";
    private static final Simulators SIMULATORS = Simulators.start(SimulatorOptions.parse("--bind", ADDRESS, "--services", "eppc"));

    /** Scans the eppc simulator every second. */
    public static class Schedule implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portwatch.probe.network-mode.schedule.targets", ADDRESS,
                    "portwatch.probe.network-mode.schedule.ports", "3031",
                    "portwatch.probe.network-mode.schedule.transports", "tcp",
                    "portwatch.probe.network-mode.schedule.every", "1s");
        }
    }

    @AfterAll
    static void stopSimulators() {
        SIMULATORS.close();
    }

    @Test
    void theConfiguredScanRunsOnItsSchedule() {
        String token = Tokens.operator();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(token).get("/api/v1/scans").then()
                .body("findAll { it.requestedBy == 'schedule' && it.state == 'DONE' }.targets.flatten()", hasItem(ADDRESS + "/32")));

        String id = given().auth().oauth2(token).get("/api/v1/scans").then().extract()
                .path("find { it.requestedBy == 'schedule' && it.state == 'DONE' }.id");
        given().auth().oauth2(token).get("/api/v1/scans/{id}", id).then()
                .body("results[0].listeners.port", equalTo(List.of(3031)));
    }
}
