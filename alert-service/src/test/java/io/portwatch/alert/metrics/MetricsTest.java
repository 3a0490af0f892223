package io.portwatch.alert.metrics;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.ListenerEventType;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** The Prometheus endpoint shows events consumed, dead letters, finding changes, findings by state, and consumer lag. */
@QuarkusTest
class MetricsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void pipelineMetricsAreExported() {
        PortKey vnc = new PortKey(Transport.TCP, 5900);
        try (AlertFlow flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(vnc, ServiceStatus.LEGACY, Risk.HIGH))) {
            flow.publishRaw("metrics-host", "garbage".getBytes(StandardCharsets.UTF_8));
            flow.publish(Fixtures.event(ListenerEventType.OPENED, "metrics-host", Fixtures.listener(vnc, "0.0.0.0", Exposure.ALL_INTERFACES)));
            flow.awaitFinding("metrics-host", vnc, "legacy-service-exposed", FindingState.OPEN);
        }

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("portwatch_alert_listener_records_total{result=\"processed\"}"))
                .body(containsString("portwatch_alert_listener_records_total{result=\"dead-lettered\"}"))
                .body(containsString("portwatch_alert_finding_changes_total{kind=\"OPENED\",severity=\"HIGH\"}"))
                .body(containsString("portwatch_alert_findings{severity=\"HIGH\",state=\"OPEN\"}"))
                .body(containsString("portwatch_alert_listener_waiting_records"))
                .body(containsString("portwatch_alert_listener_waiting_bytes"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag")));
    }
}
