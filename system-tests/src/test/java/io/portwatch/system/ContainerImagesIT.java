package io.portwatch.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.HostIds;
import io.portwatch.testing.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * The images as a platform team runs them (Testcontainers, {@link ContainerStack}): the three seed findings
 * raised from the simulators' container — 3283/udp a reflector and 311/tcp plaintext admin logins, seen by
 * the network-mode probe's scans; 3031/tcp served by an unexpected process, seen by the host-mode probe in
 * the simulators' namespaces — arrive on {@code portwatch.alerts}, the registry and findings APIs answer
 * through the published ports, each service image carries its SBOM, and stopping the simulators resolves the three.
 */
@Tag("containers")
class ContainerImagesIT {

    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final PortKey ARMS = new PortKey(Transport.UDP, 3283);
    private static final PortKey WEBADMIN = new PortKey(Transport.TCP, 311);
    private static final PortKey EPPC = new PortKey(Transport.TCP, 3031);

    private static ContainerStack stack;

    private record Seed(String host, PortKey port, String rule) {
    }

    @BeforeAll
    static void startTheImages() {
        stack = new ContainerStack();
    }

    @AfterAll
    static void removeThem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void seedFindingsOpenFromTheImagesAndResolveWhenTheSimulatorsStop() throws IOException {
        List<Seed> seeds = List.of(
                // The network probe reaches the legacy host from probe-service's default zone, "local".
                new Seed(HostIds.network("local", stack.legacyHostAddress()), ARMS, "amplification-reflector"),
                new Seed(HostIds.network("local", stack.legacyHostAddress()), WEBADMIN, "plaintext-admin"),
                new Seed(ContainerStack.LEGACY_HOST_ID, EPPC, "unexpected-process"));

        try (TopicReader alerts = new TopicReader(stack.kafkaBootstrap(), Topics.ALERTS)) {
            FindingEvent reflector = awaitFinding(alerts, seeds.get(0), FindingState.OPEN);
            assertThat(reflector.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(reflector.listener().evidence().amplificationRatio()).isGreaterThanOrEqualTo(10.0);
            assertThat(awaitFinding(alerts, seeds.get(1), FindingState.OPEN).severity()).isEqualTo(Severity.HIGH);
            FindingEvent unexpected = awaitFinding(alerts, seeds.get(2), FindingState.OPEN);
            assertThat(unexpected.listener().process().name()).isEqualTo("java");

            given().port(stack.registryPort()).get("/api/v1/ports/3283/udp").then()
                    .statusCode(200)
                    .body("serviceName", equalTo("net-assistant"));
            given().port(stack.alertPort()).queryParam("state", "OPEN").queryParam("size", 100)
                    .get("/api/v1/findings").then()
                    .statusCode(200)
                    .body("items.rule", hasItems("amplification-reflector", "plaintext-admin", "unexpected-process"));
            given().port(stack.alertPort()).get("/api/v1/findings/" + reflector.findingId()).then()
                    .statusCode(200)
                    .body("finding.state", equalTo("OPEN"));

            // Each service image carries the SBOM of its jars (the registry's, alert's and probe's are running here).
            for (String container : List.of("registry", "alert", "probe-network")) {
                JsonNode sbom = EventJson.mapper().readTree(stack.fileIn(container, "/deployments/sbom/cyclonedx.json"));
                assertThat(sbom.path("bomFormat").asText()).as(container).isEqualTo("CycloneDX");
                assertThat(sbom.path("components").findValuesAsText("name")).as(container).contains("quarkus-core", "kafka-clients");
            }

            stack.stopSimulators();

            for (Seed seed : seeds) {
                assertThat(awaitFinding(alerts, seed, FindingState.RESOLVED).version()).as(seed.rule()).isGreaterThan(1);
            }
        }
    }

    private static FindingEvent awaitFinding(TopicReader alerts, Seed seed, FindingState state) {
        return await(seed.rule() + " " + state).atMost(DEADLINE).until(() -> alerts.poll().stream()
                .map(record -> EventJson.fromBytes(record.value(), FindingEvent.class))
                .filter(event -> event.host().id().equals(seed.host()) && event.listener().portKey().equals(seed.port()))
                .filter(event -> event.rule().equals(seed.rule()) && event.state() == state)
                .findFirst(), Optional::isPresent).orElseThrow();
    }
}
