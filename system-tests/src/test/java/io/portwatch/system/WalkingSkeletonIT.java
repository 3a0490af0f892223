package io.portwatch.system;

import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.testing.ConsoleBrowser;
import io.portwatch.testing.FreePorts;
import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.KafkaBroker;
import io.portwatch.testing.LocalScripts;
import io.portwatch.testing.PostgresDatabase;
import io.portwatch.testing.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;

/**
 * The whole path, with the built services as processes on a real broker and database: a listener the
 * test opens on 127.0.0.1:3031 is seen by probe-service, judged by alert-service against the knowledge
 * registry-service published, and raised as findings on {@code portwatch.alerts} (legacy service, and
 * an owner that is not the expected rapportd: this test's own JVM); closing it resolves them. A second probe
 * reads the same machine through lsof ({@code backend=lsof}, the macOS backend, with Debian's lsof) under a host id of
 * its own, and the same listener gives the same findings there. And the operator console in Debian's headless
 * Chromium against the two services.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonIT {

    private static final String HOST_ID = "skeleton-host";
    /** The same machine, read by the lsof backend. */
    private static final String LSOF_HOST_ID = "skeleton-host-lsof";
    private static final PortKey EPPC = new PortKey(Transport.TCP, 3031);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static KafkaBroker broker;
    private static final List<ServiceProcess> services = new ArrayList<>();
    private static ServiceProcess registry;
    private static ServiceProcess alert;
    private static final List<ServiceProcess> probes = new ArrayList<>();
    private static JwtKeys keys;

    @BeforeAll
    static void startTheSystem() {
        broker = KafkaBroker.start(Path.of("target"));
        PostgresDatabase registryDb = PostgresDatabase.fresh("registry_it", "registry");
        PostgresDatabase alertDb = PostgresDatabase.fresh("alert_it", "alert");
        String kafka = broker.bootstrapServers();

        keys = JwtKeys.generate(Path.of("target", "jwt"));
        int alertPort = FreePorts.any();
        registry = start("registry-service", FreePorts.any(), Map.of("kafka.bootstrap.servers", kafka,
                "quarkus.datasource.jdbc.url", registryDb.jdbcUrl(),
                "mp.jwt.verify.publickey.location", keys.publicKey().toString(),
                "portwatch.registry.console-origins", "http://127.0.0.1:" + alertPort));
        alert = start("alert-service", alertPort, Map.of("kafka.bootstrap.servers", kafka,
                "quarkus.datasource.jdbc.url", alertDb.jdbcUrl(),
                "mp.jwt.verify.publickey.location", keys.publicKey().toString(),
                "portwatch.alert.console.registry-url", "http://127.0.0.1:" + registry.httpPort(),
                // The Prometheus test waits for a count of the findings gauge: every 2 s instead of 15 s.
                "portwatch.alert.findings-gauge-interval", "2s",
                "quarkus.log.console.json.enabled", "true",
                "quarkus.log.category.\"io.portwatch.alert.listeners\".level", "DEBUG"));
        probes.add(start("probe-service", FreePorts.any(), Map.of("kafka.bootstrap.servers", kafka,
                "portwatch.probe.host.id", HOST_ID,
                "portwatch.probe.host-mode.interval", "1s",
                "quarkus.log.console.json.enabled", "true",
                "quarkus.log.category.\"io.portwatch.probe.host\".level", "DEBUG")));
        probes.add(start("probe-service", FreePorts.any(), Map.of("kafka.bootstrap.servers", kafka,
                "portwatch.probe.host.id", LSOF_HOST_ID,
                "portwatch.probe.host-mode.backend", "lsof",
                "portwatch.probe.host-mode.interval", "1s")));
    }

    @AfterAll
    static void stopTheSystem() {
        services.forEach(ServiceProcess::close);
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void listenerOn3031BecomesAFindingAndClosingItResolvesIt() throws IOException {
        given().port(registry.httpPort()).get("/api/v1/ports/3031/tcp").then()
                .statusCode(200)
                .body("serviceName", equalTo("eppc"))
                .body("status", equalTo("LEGACY"));

        try (TopicReader alerts = new TopicReader(broker.bootstrapServers(), Topics.ALERTS)) {
            try (ServerSocket eppc = openEppcListener()) {
                for (String host : List.of(HOST_ID, LSOF_HOST_ID)) {
                    FindingEvent opened = awaitFinding(alerts, host, "legacy-service-exposed", FindingState.OPEN);
                    assertThat(opened.severity()).isEqualTo(Severity.INFO);
                    assertThat(opened.listener().address()).isEqualTo("127.0.0.1");
                    assertThat(opened.knowledge().serviceName()).isEqualTo("eppc");
                    FindingEvent unexpected = awaitFinding(alerts, host, "unexpected-process", FindingState.OPEN);
                    assertThat(unexpected.severity()).isEqualTo(Severity.MEDIUM);
                    assertThat(unexpected.listener().process().pid()).isEqualTo(ProcessHandle.current().pid());
                    assertThat(unexpected.listener().process().exe()).as(host)
                            .isEqualTo(ProcessHandle.current().info().command().orElseThrow());
                }
            }
            for (String host : List.of(HOST_ID, LSOF_HOST_ID)) {
                FindingEvent resolved = awaitFinding(alerts, host, "legacy-service-exposed", FindingState.RESOLVED);
                assertThat(resolved.version()).isGreaterThan(1);
            }
        }
    }

    /**
     * With JSON logs on (as in Kubernetes), the probe's line for the listener it saw and alert-service's line for the
     * finding it opened are JSON objects carrying the host, the port and the finding id as fields of their own.
     */
    @Test
    void jsonLogLinesCarryTheHostPortAndFindingIdAsFields() throws IOException {
        try (TopicReader alerts = new TopicReader(broker.bootstrapServers(), Topics.ALERTS);
                ServerSocket eppc = openEppcListener()) {
            FindingEvent opened = awaitFinding(alerts, HOST_ID, "legacy-service-exposed", FindingState.OPEN);

            await().atMost(DEADLINE).untilAsserted(() -> assertThat(JsonLogLines.read(alert.log()))
                    .anySatisfy(line -> assertThat(JsonLogLines.mdc(line, "host", "port", "findingId"))
                            .containsExactly(HOST_ID, "tcp/3031", opened.findingId())));
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(JsonLogLines.read(probes.get(0).log()))
                    .anySatisfy(line -> {
                        assertThat(line.path("message").asText()).startsWith("Listener tcp/3031 opened on " + HOST_ID);
                        assertThat(JsonLogLines.mdc(line, "host", "port")).containsExactly(HOST_ID, "tcp/3031");
                    }));
        }
    }

    /**
     * The console's port-knowledge page, served by alert-service and reading registry-service from the browser
     * (CORS): both layers of 3031/tcp side by side, and an edit as registry-admin that meets someone else's change
     * (If-Match) and says so before it replaces it.
     */
    @Test
    void theConsoleShowsBothLayersOfAPortAndTheConflictOfAnEdit() {
        String admin = keys.token("rita", "registry-admin");
        try (ConsoleBrowser browser = ConsoleBrowser.start("http://127.0.0.1:" + alert.httpPort() + "/console/",
                Path.of("target", "console-screenshots"))) {
            browser.signIn(admin);
            browser.open("#/ports?q=3031");
            String tcp = "//section[h2[starts-with(normalize-space(.), '3031/tcp')]]";
            WebElement layers = browser.driver().findElement(By.xpath(tcp + "//table[contains(@class, 'layers')]"));
            List<String> description = row(layers, "Description");
            assertThat(description.get(1)).isEqualTo("Remote AppleEvents/PPC Toolbox");
            assertThat(description.get(2)).startsWith("Remote AppleEvents (eppc://)");
            assertThat(description.get(3)).isEqualTo(description.get(2));
            assertThat(row(layers, "Expected processes")).containsExactly("Expected processes", "not in IANA's registry", "rapportd", "rapportd");
            browser.screenshot("port-knowledge");

            WebElement remediation = browser.driver().findElement(By.xpath(tcp + "//textarea[@name='remediation']"));
            String etag = given().port(registry.httpPort()).get("/api/v1/ports/3031/tcp").header("ETag");
            Map<String, Object> curated = given().port(registry.httpPort()).get("/api/v1/knowledge/tcp/3031").then().extract().path("curated");
            curated.put("remediation", "Changed by someone else");
            given().port(registry.httpPort()).auth().oauth2(admin).header("If-Match", etag).contentType("application/json")
                    .body(curated).put("/api/v1/knowledge/tcp/3031").then().statusCode(200);

            remediation.clear();
            remediation.sendKeys("Turn off Remote Apple Events in Sharing settings");
            browser.driver().findElement(By.xpath(tcp + "//form[contains(@class, 'curation')]//button[@type='submit']")).click();
            await().atMost(ConsoleBrowser.DEADLINE).ignoreExceptions().until(() -> browser.driver()
                    .findElement(By.xpath(tcp + "//div[@role='alert']")).getText().contains("Someone changed 3031/tcp"));
            assertThat(browser.driver().findElement(By.xpath(tcp + "//div[@role='alert']")).getText()).contains("Changed by someone else");
            browser.screenshot("port-knowledge-conflict");
            browser.driver().findElement(By.xpath(tcp + "//form[contains(@class, 'curation')]//button[@type='submit']")).click();
            browser.awaitText("#status", "Saved: 3031/tcp");
            given().port(registry.httpPort()).get("/api/v1/ports/3031/tcp").then()
                    .body("remediation", equalTo("Turn off Remote Apple Events in Sharing settings"));
        }
    }

    /**
     * Debian's Prometheus scrapes the running services and evaluates deploy/monitoring's alert rules: every target
     * is up, every rule evaluates without error and none fires on this healthy system, and every metric the rules
     * and the Grafana dashboard read is one the services export (except {@code up}, Prometheus' own, and
     * kube-state-metrics' {@code kube_*}, which only exist on Kubernetes).
     * <p>
     * Last in the class: the consumer lag the rules read ({@code kafka_consumer_fetch_manager_records_lag}) is a meter
     * Micrometer's Kafka binder adds on its refresh, 60 s after alert-service's consumers start; the other tests run
     * meanwhile instead of this one waiting for it.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void prometheusScrapesTheServicesAndItsRulesHoldOnThem() throws IOException {
        try (TopicReader alerts = new TopicReader(broker.bootstrapServers(), Topics.ALERTS);
                ServerSocket eppc = openEppcListener()) {
            // A finding change, so the finding metrics have series.
            awaitFinding(alerts, HOST_ID, "legacy-service-exposed", FindingState.OPEN);
        }
        Path monitoring = LocalScripts.root().resolve("deploy/monitoring");
        Path rules = monitoring.resolve("portwatch-rules.yml");
        Map<String, List<Integer>> jobs = Map.of("registry-service", List.of(registry.healthPort()),
                "alert-service", List.of(alert.healthPort()),
                "probe-service", probes.stream().map(ServiceProcess::healthPort).toList());
        try (PrometheusServer prometheus = PrometheusServer.start(jobs, rules)) {
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(given().port(prometheus.port()).get("/api/v1/targets")
                    .jsonPath().getList("data.activeTargets.health", String.class)).hasSize(4).containsOnly("up"));
            await().atMost(DEADLINE).untilAsserted(() -> {
                List<Map<String, Object>> evaluated = given().port(prometheus.port()).get("/api/v1/rules")
                        .jsonPath().<Map<String, Object>>getList("data.groups.rules.flatten()").stream()
                        .filter(rule -> !String.valueOf(rule.get("lastEvaluation")).startsWith("0001-")).toList();
                assertThat(evaluated).hasSize(MonitoringQueries.rules(rules).size());
                assertThat(evaluated).allSatisfy(rule -> {
                    assertThat(rule.get("health")).as(rule.get("name") + ": " + rule.get("lastError")).isEqualTo("ok");
                    // The host probes watch this whole machine, where anything may listen: a CRITICAL finding may open.
                    if (!rule.get("name").equals("PortwatchCriticalFindingOpened")) {
                        assertThat(rule.get("state")).as(rule.get("name").toString()).isEqualTo("inactive");
                    }
                });
            });

            Set<String> read = new TreeSet<>();
            Stream.concat(MonitoringQueries.rules(rules).stream(),
                    MonitoringQueries.dashboard(monitoring.resolve("portwatch-dashboard.json")).stream())
                    .map(MonitoringQueries::metricNames).forEach(read::addAll);
            read.removeIf(name -> name.equals("up") || name.startsWith("kube_"));
            assertThat(read).hasSizeGreaterThan(8);
            // The finding gauges are counted every 2 s here: wait for a scrape after that.
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(given().port(prometheus.port())
                    .get("/api/v1/label/__name__/values").jsonPath().getList("data", String.class))
                    .as("metrics the services export").containsAll(read));
        }
    }

    private static List<String> row(WebElement table, String field) {
        return table.findElements(By.xpath(".//tr[td[1][normalize-space(.)='" + field + "']]/td")).stream()
                .map(WebElement::getText).toList();
    }

    private static ServiceProcess start(String module, int port, Map<String, String> config) {
        ServiceProcess service = ServiceProcess.start(module, port, config);
        services.add(service);
        return service.awaitReady();
    }

    private static ServerSocket openEppcListener() throws IOException {
        try {
            return new ServerSocket(EPPC.port(), 50, InetAddress.getByName("127.0.0.1"));
        } catch (BindException e) {
            throw new IllegalStateException("127.0.0.1:3031 is taken by another process; free it to run this test", e);
        }
    }

    private static FindingEvent awaitFinding(TopicReader alerts, String host, String rule, FindingState state) {
        return await().atMost(DEADLINE).until(() -> alerts.poll().stream()
                .map(record -> EventJson.fromBytes(record.value(), FindingEvent.class))
                .filter(event -> event.host().id().equals(host) && event.listener().portKey().equals(EPPC))
                .filter(event -> event.rule().equals(rule))
                .filter(event -> event.state() == state)
                .findFirst(), Optional::isPresent).orElseThrow();
    }
}
