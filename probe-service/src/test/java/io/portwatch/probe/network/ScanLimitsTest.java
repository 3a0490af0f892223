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
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Scans against a tarpit that would hold each one for a minute (evidence deadline 60 s, scan deadline 10 s):
 * one requested scan runs at a time, one waits, more are answered 429; queued and running scans can be
 * cancelled; a scan is stopped at its deadline; the scheduled scan keeps its 1 s interval meanwhile.
 */
@QuarkusTest
@TestProfile(ScanLimitsTest.Limits.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(JwtKeysResource.class)
class ScanLimitsTest {

    static final String TARPIT = "127.0.4.77";
    /** The scheduled scan's target: nothing listens there, so each run is done in milliseconds. */
    static final String SCHEDULED = "127.0.4.78";
    /** A constant, so that the profile reads it without starting this class (and its simulator) a second time. */
    private static final int SCAN_DEADLINE_SECONDS = 10;
    private static final Duration SCAN_DEADLINE = Duration.ofSeconds(SCAN_DEADLINE_SECONDS);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String STUCK_SCAN = "{\"targets\":[\"" + TARPIT + "\"],\"ports\":\"2311\",\"transports\":[\"tcp\"]}";
    private static Simulators tarpit;

    /** One slot, one queue place, a slow evidence deadline, a short scan deadline, a schedule every second. */
    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portwatch.probe.network-mode.max-concurrent-scans", "1",
                    "portwatch.probe.network-mode.max-queued-scans", "1",
                    "portwatch.probe.network-mode.evidence-deadline", "60s",
                    "portwatch.probe.network-mode.scan-deadline", SCAN_DEADLINE_SECONDS + "s",
                    "portwatch.probe.network-mode.busy-retry-after", "7s",
                    "portwatch.probe.network-mode.schedule.targets", SCHEDULED,
                    "portwatch.probe.network-mode.schedule.ports", "3031",
                    "portwatch.probe.network-mode.schedule.transports", "tcp",
                    "portwatch.probe.network-mode.schedule.every", "1s");
        }
    }

    @BeforeAll
    static void startTarpit() {
        tarpit = Simulators.start(SimulatorOptions.parse("--bind", TARPIT, "--services", "tarpit", "--tarpit-port", "2311",
                "--tarpit-lifetime", "120"));
    }

    @AfterAll
    static void stopTarpit() {
        tarpit.close();
    }

    @AfterEach
    void cancelWhatIsLeft() {
        List<String> unfinished = operator().get("/api/v1/scans").then().extract()
                .path("findAll { it.requestedBy != 'schedule' && (it.state == 'QUEUED' || it.state == 'RUNNING') }.id");
        unfinished.forEach(id -> operator().delete("/api/v1/scans/{id}", id).then().statusCode(200));
    }

    @Test
    void beyondTheQueueAScanIsRefusedWith429AndRetryAfter() {
        String running = startScan();
        awaitState(running, "RUNNING");
        String queued = startScan();
        operator().get("/api/v1/scans/{id}", queued).then().body("state", equalTo("QUEUED"));

        operator().body(STUCK_SCAN).post("/api/v1/scans").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "7")
                .body("status", equalTo(429))
                .body("detail", containsString("1 scans are running and 1 are queued"));
    }

    @Test
    void aQueuedScanCancelledNeverRuns() {
        String running = startScan();
        awaitState(running, "RUNNING");
        String queued = startScan();

        operator().delete("/api/v1/scans/{id}", queued).then().statusCode(200).body("state", equalTo("CANCELLED"));
        operator().delete("/api/v1/scans/{id}", running).then().statusCode(200).body("state", equalTo("CANCELLED"));

        String next = startScan();
        awaitState(next, "RUNNING");
        operator().get("/api/v1/scans/{id}", queued).then().body("state", equalTo("CANCELLED")).body("startedAt", equalTo(null));
    }

    @Test
    void aRunningScanCancelledFreesItsSlotAndStaysCancelled() {
        String running = startScan();
        awaitState(running, "RUNNING");

        operator().delete("/api/v1/scans/{id}", running).then().statusCode(200)
                .body("state", equalTo("CANCELLED")).body("results", equalTo(List.of()));

        String next = startScan();
        awaitState(next, "RUNNING");
        operator().get("/api/v1/scans/{id}", running).then().body("state", equalTo("CANCELLED"));
        operator().delete("/api/v1/scans/{id}", running).then().statusCode(200).body("state", equalTo("CANCELLED"));
    }

    @Test
    void aScanIsStoppedAtItsDeadline() {
        String stuck = startScan();

        await().atMost(WAIT).until(() -> operator().get("/api/v1/scans/{id}", stuck).then().extract().path("state"), "FAILED"::equals);
        var scan = operator().get("/api/v1/scans/{id}", stuck).then()
                .body("error", containsString("stopped at the scan deadline")).body("results", equalTo(List.of())).extract();
        Duration ran = Duration.between(Instant.parse(scan.path("startedAt")), Instant.parse(scan.path("finishedAt")));
        assertThat(ran).isBetween(SCAN_DEADLINE, SCAN_DEADLINE.plusSeconds(3));
    }

    @Test
    void theScheduleKeepsItsIntervalWhileARequestedScanIsStuck() {
        String stuck = startScan();
        awaitState(stuck, "RUNNING");
        Instant since = Instant.now();

        await().atMost(WAIT).until(() -> scheduledScansDoneSince(since) >= 3);
        assertThat(Duration.between(since, Instant.now())).isLessThan(SCAN_DEADLINE);
        operator().get("/api/v1/scans/{id}", stuck).then().body("state", equalTo("RUNNING"));
    }

    @Test
    void cancellingAFinishedOrUnknownScanIsAProblem() {
        await().atMost(WAIT).until(() -> scheduledScansDoneSince(Instant.EPOCH) >= 1);
        String done = operator().get("/api/v1/scans").then().extract().path("find { it.requestedBy == 'schedule' && it.state == 'DONE' }.id");

        operator().delete("/api/v1/scans/{id}", done).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already finished"));
        operator().delete("/api/v1/scans/{id}", "no-such-scan").then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/v1/scans/{id}", done).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.withRole("dana", "analyst")).delete("/api/v1/scans/{id}", done).then().statusCode(403)
                .contentType("application/problem+json");
    }

    private static long scheduledScansDoneSince(Instant since) {
        List<String> started = operator().get("/api/v1/scans").then().extract()
                .path("findAll { it.requestedBy == 'schedule' && it.state == 'DONE' }.startedAt");
        return started.stream().map(Instant::parse).filter(start -> start.isAfter(since)).count();
    }

    private static String startScan() {
        return operator().body(STUCK_SCAN).post("/api/v1/scans").then().statusCode(202).extract().path("id");
    }

    private static void awaitState(String id, String state) {
        await().atMost(WAIT).until(() -> operator().get("/api/v1/scans/{id}", id).then().extract().path("state"), state::equals);
    }

    private static RequestSpecification operator() {
        return given().auth().oauth2(Tokens.operator()).contentType("application/json");
    }
}
