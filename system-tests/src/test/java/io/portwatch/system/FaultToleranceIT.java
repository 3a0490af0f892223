package io.portwatch.system;

import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.KafkaBroker;
import io.portwatch.testing.LocalScripts;
import io.portwatch.testing.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code fault} group: one stack (a broker, PostgreSQL, registry-, alert- and probe-service as processes)
 * watching a fleet of {@value #HOSTS} simulated hosts, network namespaces with {@value #SLOTS_PER_HOST}
 * listeners each that keep opening and closing, while each scenario breaks something. After each, every
 * finding that should exist exists once in the right state, and {@code portwatch.alerts} holds every
 * change of every finding exactly once. Each scenario adds a row to {@code target/fault-tolerance.tsv};
 * {@code bench/fault-report.sh} turns them into the "Fault tolerance" section of bench/RESULTS.md.
 */
@Tag("fault")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

    private static final int HOSTS = 100;
    private static final int SLOTS_PER_HOST = 10;
    private static final String NODE = "fault-node";
    private static final Duration CONVERGENCE = Duration.ofMinutes(3);
    /** registry-service stays down this long while the fleet changes: alert-service must go on without it. */
    private static final Duration REGISTRY_OUTAGE = Duration.ofSeconds(45);
    /**
     * alert-service's producer delivery timeout: a killed instance's outbox rows are swept by a survivor once twice as
     * old (plus 5 s), every as long (the default 30 s would make a check wait up to 95 s, this one up to 41 s).
     */
    private static final String DELIVERY_TIMEOUT = "12s";
    private static final Path REPORT = Path.of("target", "fault-tolerance.tsv");

    private final Random random = new Random(20261125);
    private final FaultReport report = new FaultReport(REPORT);
    private KafkaBroker broker;
    private JwtKeys keys;
    private Map<String, String> registryConfig;
    private Map<String, String> alertConfig;
    private ServiceProcess registry;
    private ServiceProcess alert;
    private ServiceProcess probe;
    private final List<ServiceProcess> extraAlerts = new ArrayList<>();
    private Fleet fleet;
    private Churn churn;

    @BeforeAll
    void startTheStackAndTheFleet() {
        broker = KafkaBroker.start(Path.of("target"));
        keys = JwtKeys.generate(Path.of("target", "jwt-fault"));
        FleetSecrets secrets = FleetSecrets.create(Path.of("target", "fleet-fault"));
        String kafka = broker.bootstrapServers();
        registryConfig = Map.of("kafka.bootstrap.servers", kafka,
                "quarkus.datasource.jdbc.url", PostgresDatabase.fresh("registry_fault_it", "registry").jdbcUrl(),
                "mp.jwt.verify.publickey.location", keys.publicKey().toString());
        // Signing on: every instance refuses unsigned records and derives the probe's key from the same fleet secret.
        alertConfig = new HashMap<>(secrets.alertConfig("127.0.0.0/8,::1/128"));
        alertConfig.putAll(Map.of("kafka.bootstrap.servers", kafka,
                "portwatch.alert.max-page-size", Integer.toString(AlertApi.PAGE_SIZE),
                "quarkus.datasource.jdbc.url", PostgresDatabase.fresh("alert_fault_it", "alert").jdbcUrl(),
                "mp.jwt.verify.publickey.location", keys.publicKey().toString(),
                "portwatch.alert.listeners.max-poll-records", "500",
                "portwatch.alert.outbox.delivery-timeout", DELIVERY_TIMEOUT));
        alertConfig.putAll(ServiceProcess.ALERT_KILLED_QUICKLY);
        registry = ServiceProcess.start("registry-service", registryConfig).awaitReady();
        alert = ServiceProcess.start("alert-service", alertConfig).awaitReady();
        Map<String, String> probeConfig = new HashMap<>(secrets.probeConfig(alert.httpPort(), NODE));
        probeConfig.putAll(Map.of("kafka.bootstrap.servers", kafka,
                "mp.jwt.verify.publickey.location", keys.publicKey().toString(),
                "portwatch.probe.host.id", NODE,
                "portwatch.probe.host-mode.interval", "1s",
                "portwatch.probe.host-mode.snapshot-every", "10",
                "mp.messaging.outgoing.listeners.delivery.timeout.ms", "6000",
                "mp.messaging.outgoing.listeners.request.timeout.ms", "3000",
                "mp.messaging.outgoing.listeners.max.block.ms", "3000"));
        probe = ServiceProcess.start("probe-service", probeConfig).awaitReady();
        fleet = Fleet.start(NODE, "pwf", HOSTS, 20261125);
        churn = new Churn(fleet);
        report.reset();
        awaitConvergence();
    }

    @AfterAll
    void stopEverything() {
        if (churn != null) {
            churn.stop();
        }
        if (fleet != null) {
            fleet.close();
        }
        extraAlerts.forEach(ServiceProcess::close);
        for (ServiceProcess service : new ServiceProcess[] {probe, alert, registry}) {
            if (service != null) {
                service.close();
            }
        }
        if (broker != null) {
            broker.stop();
        }
        report.publish();
    }

    @Test
    @Order(1)
    void brokerRestart() {
        Metrics before = probeMetrics();
        churn.start();
        churn.awaitMore(100);
        broker.stop();
        Instant down = Instant.now();
        AtomicLong heldAtMost = new AtomicLong();
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            heldAtMost.accumulateAndGet(probeMetrics().buffered(), Math::max);
            return Duration.between(down, Instant.now()).toSeconds() >= 30;
        });
        broker.startAgain();
        Instant back = Instant.now();
        churn.awaitMore(100);
        churn.stop();
        Duration recovery = awaitConvergence(back);
        Metrics after = probeMetrics();

        assertThat(heldAtMost.get()).as("listener events the probe held while the broker was away").isPositive();
        assertThat(after.buffered()).as("held events resent or superseded").isZero();
        check("broker stopped for 30 s", recovery, String.format(
                "probe held up to %d events; %d sent, %d not taken (superseded by a SNAPSHOT) over the scenario",
                heldAtMost.get(), after.sent() - before.sent(), after.failed() - before.failed()));
    }

    @Test
    @Order(2)
    void alertServiceKilledRepeatedly() {
        churn.start();
        for (int kill = 0; kill < 3; kill++) {
            churn.awaitMore(30 + random.nextInt(90));
            alert.kill();
            alert = ServiceProcess.start("alert-service", alertConfig).awaitReady();
        }
        Instant back = Instant.now();
        churn.awaitMore(100);
        churn.stop();
        check("alert-service SIGKILLed 3 times at random points", awaitConvergence(back), "restarted at once each time");
    }

    @Test
    @Order(3)
    void postgresRestart() {
        churn.start();
        churn.awaitMore(50);
        LocalScripts.run("postgres.sh", Map.of(), "stop");
        Instant back;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !ready(alert) && !ready(registry));
            churn.awaitMore(100);
            assertThat(given().port(registry.httpPort()).get("/api/v1/ports/548/tcp").statusCode())
                    .as("lookups keep answering from memory").isEqualTo(200);
        } finally {
            LocalScripts.run("postgres.sh", Map.of(), "start");
            back = Instant.now();
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> ready(alert) && ready(registry));
        assertThat(alert.isAlive() && registry.isAlive()).as("recovered without a restart").isTrue();
        churn.awaitMore(100);
        churn.stop();
        check("PostgreSQL stopped and started under load", awaitConvergence(back),
                "alert- and registry-service not ready while it was down, ready again without a restart");
    }

    @Test
    @Order(4)
    void registryOutage() {
        registry.close();
        Instant down = Instant.now();
        for (int burst = 0; burst < 2; burst++) {
            churn.start();
            churn.awaitMore(200);
            churn.stop();
            awaitConvergence(down);
        }
        await().atMost(REGISTRY_OUTAGE.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Duration.between(down, Instant.now()).compareTo(REGISTRY_OUTAGE) >= 0
                        && state(AlertApi.findings(alert.httpPort())).wrong() == 0);
        Duration outage = Duration.between(down, Instant.now());
        registry = ServiceProcess.start("registry-service", registryConfig).awaitReady();
        Instant back = Instant.now();

        Set<String> before = legacyFindingsOn(548).stream().map(finding -> finding.findingId() + "@" + finding.version())
                .collect(Collectors.toSet());
        String etag = given().port(registry.httpPort()).get("/api/v1/ports/548/tcp").then().statusCode(200).extract().header("ETag");
        given().port(registry.httpPort()).auth().oauth2(keys.token("dana", "registry-admin"))
                .header("If-Match", etag).contentType("application/json")
                .body("{\"risk\":\"CRITICAL\",\"status\":\"DEPRECATED\",\"remediation\":\"Changed after the outage\"}")
                .put("/api/v1/knowledge/tcp/548").then().statusCode(200);

        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(legacyFindingsOn(548))
                .filteredOn(finding -> finding.state().equals("OPEN"))
                .isNotEmpty()
                .allSatisfy(finding -> assertThat(before).doesNotContain(finding.findingId() + "@" + finding.version())));
        check("registry-service down " + outage.toSeconds() + " s", awaitConvergence(back),
                "alert-service correlated from its knowledge view meanwhile; a change after the return re-evaluated every open tcp/548 finding");
    }

    @Test
    @Order(5)
    void scaleOutToThreeInstancesAndKillOne() {
        churn.start();
        extraAlerts.add(ServiceProcess.start("alert-service", alertConfig).awaitReady());
        churn.awaitMore(150);
        extraAlerts.add(ServiceProcess.start("alert-service", alertConfig).awaitReady());
        churn.awaitMore(150);
        extraAlerts.get(0).kill();
        Instant killed = Instant.now();
        churn.awaitMore(150);
        churn.stop();
        check("3 alert-service instances in one group, one SIGKILLed", awaitConvergence(killed),
                "partitions of listeners (6) spread over 1, 2, then 3 instances; the survivors took over the killed one's");
    }

    private List<AlertApi.Finding> legacyFindingsOn(int port) {
        return AlertApi.findings(alert.httpPort()).stream()
                .filter(finding -> finding.rule().equals("legacy-service-exposed") && finding.port() == port
                        && finding.transport().equals("tcp") && fleet.hostIds().contains(finding.hostId()))
                .toList();
    }

    /** Asserts the exactly-once checks and records the scenario's row. */
    private void check(String scenario, Duration recovery, String notes) {
        List<AlertApi.Finding> findings = AlertApi.findings(alert.httpPort());
        Map<String, Long> expectedChanges = AlertApi.changes(findings);
        // Rows a killed instance left in the outbox are sent by a survivor's sweeper (see DELIVERY_TIMEOUT).
        Map<String, Long> published = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(5))
                .until(() -> AlertsTopic.published(broker.bootstrapServers()),
                counts -> counts.keySet().containsAll(expectedChanges.keySet()));
        long duplicated = published.values().stream().filter(count -> count > 1).mapToLong(count -> count - 1).sum()
                + published.keySet().stream().filter(id -> !expectedChanges.containsKey(id)).count();
        Fleet.Judgement state = state(findings);
        long lost = state.wrong() + expectedChanges.keySet().stream().filter(id -> !published.containsKey(id)).count();
        report.add(new FaultReport.Row(scenario, fleet.changes(), expectedChanges.size(), state.expected(), state.right(),
                duplicated, lost, recovery, notes));

        assertThat(duplicated).as("finding changes on portwatch.alerts more than once, or never in the database").isZero();
        assertThat(lost).as("findings in the wrong state, or changes missing from portwatch.alerts").isZero();
    }

    /** Waits until alert-service has consumed everything and every fleet finding is in the state its listener says. */
    private Duration awaitConvergence(Instant from) {
        await().atMost(CONVERGENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> AlertsTopic.listenerLag(broker.bootstrapServers()) == 0 && state(AlertApi.findings(alert.httpPort())).wrong() == 0);
        return Duration.between(from, Instant.now());
    }

    private void awaitConvergence() {
        awaitConvergence(Instant.now());
    }

    private Fleet.Judgement state(List<AlertApi.Finding> findings) {
        return fleet.judge(findings);
    }

    private static boolean ready(ServiceProcess service) {
        try {
            return given().port(service.healthPort()).get("/q/health/ready").statusCode() == 200;
        } catch (Exception unreachable) {
            return false;
        }
    }

    /** The probe's listener-event metrics. */
    private record Metrics(long buffered, long sent, long failed) {
    }

    private Metrics probeMetrics() {
        String text = given().port(probe.healthPort()).get("/q/metrics").then().statusCode(200).extract().asString();
        return new Metrics(metric(text, "portwatch_probe_listener_buffered"),
                metric(text, "portwatch_probe_listener_events_total{result=\"sent\"}"),
                metric(text, "portwatch_probe_listener_events_total{result=\"failed\"}"));
    }

    private static long metric(String text, String name) {
        return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name.replace("}", ",") ))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .mapToLong(value -> (long) Double.parseDouble(value))
                .findFirst().orElse(0);
    }
}
