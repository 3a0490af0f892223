package io.portwatch.notifier.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.notifier.config.NotifierConfig;
import io.portwatch.notifier.routing.RouteFilter;
import io.portwatch.notifier.support.AlertmanagerApi;
import io.portwatch.notifier.support.AlertsTopic;
import io.portwatch.notifier.support.Findings;
import io.portwatch.notifier.support.Metrics;
import io.portwatch.notifier.support.Outputs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Alertmanager output against a real Alertmanager process (Debian's prometheus-alertmanager). */
@QuarkusTest
class AlertmanagerOutputTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    Outputs outputs;
    @Inject
    FiringRebuild rebuild;
    @Inject
    NotifierConfig config;
    private AlertsTopic writer;

    @BeforeEach
    void openWriter() {
        writer = new AlertsTopic();
    }

    @AfterEach
    void closeWriter() {
        writer.close();
    }

    @Test
    void reflectorFindingFiresWithItsLabelsAndAnnotations() {
        FindingEvent opened = Findings.reflector("am-labels", FindingState.OPEN, 1);
        writer.write(opened);

        JsonNode alert = await("firing alert").atMost(DEADLINE).until(() -> alerts(opened), list -> list.size() == 1).get(0);
        assertThat(alert.at("/labels/alertname").asText()).isEqualTo("amplification-reflector");
        assertThat(alert.at("/labels/rule").asText()).isEqualTo("amplification-reflector");
        assertThat(alert.at("/labels/severity").asText()).isEqualTo("high");
        assertThat(alert.at("/labels/host").asText()).isEqualTo("am-labels");
        assertThat(alert.at("/labels/asset").asText()).isEqualTo("am-labels");
        assertThat(alert.at("/labels/transport").asText()).isEqualTo("udp");
        assertThat(alert.at("/labels/port").asText()).isEqualTo("3283");
        assertThat(alert.at("/labels/zone").asText()).isEqualTo("lab");
        assertThat(alert.at("/labels/source").asText()).isEqualTo("portwatch");
        assertThat(alert.at("/annotations/summary").asText()).isEqualTo(opened.title());
        assertThat(alert.at("/annotations/description").asText()).isEqualTo(opened.description());
        assertThat(alert.at("/annotations/remediation").asText()).isEqualTo(opened.remediation());
        assertThat(alert.at("/status/state").asText()).isEqualTo("active");
        assertThat(alert.at("/generatorURL").asText()).endsWith("/api/v1/findings/" + opened.findingId());
    }

    @Test
    void resolvedFindingEndsItsAlert() {
        FindingEvent opened = Findings.reflector("am-resolved", FindingState.OPEN, 1);
        writer.write(opened);
        await("firing alert").atMost(DEADLINE).until(() -> alerts(opened), list -> list.size() == 1);

        writer.write(Findings.reflector("am-resolved", FindingState.RESOLVED, 2));

        await("alert ended").atMost(DEADLINE).until(() -> alerts(opened), List::isEmpty);
    }

    @Test
    void suppressedFindingEndsItsAlert() {
        FindingEvent opened = Findings.reflector("am-suppressed", FindingState.OPEN, 1);
        writer.write(opened);
        await("firing alert").atMost(DEADLINE).until(() -> alerts(opened), list -> list.size() == 1);

        writer.write(Findings.reflector("am-suppressed", FindingState.SUPPRESSED, 2));

        await("alert ended").atMost(DEADLINE).until(() -> alerts(opened), List::isEmpty);
    }

    @Test
    void findingThatFallsBelowTheRoutingEndsItsAlert() {
        FindingEvent opened = Findings.reflector("am-downgraded", FindingState.OPEN, 1);
        writer.write(opened);
        await("firing alert").atMost(DEADLINE).until(() -> alerts(opened), list -> list.size() == 1);

        writer.write(Findings.withSeverity(Findings.reflector("am-downgraded", FindingState.OPEN, 2), Severity.LOW));

        await("alert ended").atMost(DEADLINE).until(() -> alerts(opened), List::isEmpty);
    }

    @Test
    void severityChangeLeavesOneAlertWithTheNewSeverity() {
        FindingEvent opened = Findings.reflector("am-escalated", FindingState.OPEN, 1);
        writer.write(opened);
        await("firing alert").atMost(DEADLINE).until(() -> alerts(opened), list -> list.size() == 1);

        writer.write(Findings.withSeverity(Findings.reflector("am-escalated", FindingState.OPEN, 2), Severity.CRITICAL));

        await("one critical alert").atMost(DEADLINE).until(() -> alerts(opened),
                list -> list.size() == 1 && list.get(0).at("/labels/severity").asText().equals("critical"));
    }

    @Test
    void findingBelowTheRoutingNeverFires() {
        FindingEvent low = Findings.withSeverity(Findings.reflector("am-low", FindingState.OPEN, 1), Severity.LOW);
        FindingEvent marker = Findings.reflector("am-low-marker", FindingState.OPEN, 1);
        writer.write(low);
        writer.write(marker);

        await("marker alert").atMost(DEADLINE).until(() -> alerts(marker), list -> list.size() == 1);
        assertThat(alerts(low)).isEmpty();
    }

    @Test
    void firingAlertsAreSentAgainWithinTheResolveTimeout() {
        FindingEvent opened = Findings.reflector("am-resent", FindingState.OPEN, 1);
        writer.write(opened);
        String firstUpdate = await("firing alert").atMost(DEADLINE).until(() -> alerts(opened), list -> list.size() == 1)
                .get(0).at("/updatedAt").asText();

        await("alert sent again").atMost(DEADLINE)
                .until(() -> alerts(opened).get(0).at("/updatedAt").asText(), updated -> !updated.equals(firstUpdate));
        assertThat(Metrics.sum("portwatch_notifier_alertmanager_resent_total", "")).isPositive();
    }

    @Test
    void alertmanagerDownForAWhileShowsEveryAlertOnceWhenBack() {
        FindingEvent before = Findings.reflector("am-outage-before", FindingState.OPEN, 1);
        writer.write(before);
        await("firing alert").atMost(DEADLINE).until(() -> alerts(before), list -> list.size() == 1);
        double retried = Metrics.retried("alertmanager");

        FindingEvent during = Findings.reflector("am-outage-during", FindingState.OPEN, 1);
        outputs.alertmanager().close();
        try {
            writer.write(during);
            await("retries while Alertmanager is down").atMost(DEADLINE).until(() -> Metrics.retried("alertmanager") >= retried + 2);
        } finally {
            outputs.alertmanager().startAgain();
        }

        await("the change written during the outage").atMost(DEADLINE).until(() -> alerts(during), list -> list.size() == 1);
        await("the alert fired before, sent again").atMost(DEADLINE).until(() -> alerts(before), list -> list.size() == 1);
        assertThat(alerts(during)).singleElement().satisfies(alert -> assertThat(alert.at("/status/state").asText()).isEqualTo("active"));
    }

    @Test
    void firingSetIsRebuiltFromTheTopicAsARestartWouldFindIt() {
        FindingEvent open = Findings.reflector("am-rebuild-open", FindingState.OPEN, 1);
        FindingEvent resolved = Findings.reflector("am-rebuild-resolved", FindingState.RESOLVED, 2);
        FindingEvent low = Findings.withSeverity(Findings.reflector("am-rebuild-low", FindingState.OPEN, 1), Severity.LOW);
        writer.write(open, Findings.reflector("am-rebuild-resolved", FindingState.OPEN, 1), resolved, low);

        Map<String, AlertmanagerAlert> firing = await("rebuilt").atMost(DEADLINE)
                .until(() -> rebuild.firing(Topics.ALERTS, new RouteFilter(config.alertmanager())::accepts, DEADLINE),
                        found -> found.containsKey(open.findingId()));
        assertThat(firing).doesNotContainKeys(resolved.findingId(), low.findingId());
        assertThat(firing.get(open.findingId()).labels()).containsEntry("host", "am-rebuild-open").containsEntry("severity", "high");
        assertThat(firing.get(open.findingId()).endsAt()).isNull();
    }

    private List<JsonNode> alerts(FindingEvent event) {
        return AlertmanagerApi.alertsOf(outputs.alertmanager().url(), event.findingId());
    }
}
