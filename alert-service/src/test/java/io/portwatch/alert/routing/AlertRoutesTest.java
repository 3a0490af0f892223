package io.portwatch.alert.routing;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.config.AlertConfig;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.KnowledgeSummary;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRoutesTest {

    private final AlertRoutes routes = new AlertRoutes(new SmallRyeConfigBuilder()
            .withMapping(AlertConfig.class)
            .withConverter(Duration.class, 100, new DurationConverter())
            .withSources(new PropertiesConfigSource(Map.of(
                    "portwatch.alert.routes.paging.min-severity", "HIGH",
                    "portwatch.alert.routes.lab.zones", "lab-1,lab-2",
                    "portwatch.alert.routes.lab.rules", "legacy-service-exposed",
                    "portwatch.alert.routes.reflectors.ports", "3283,1900"), "test", 100))
            .build()
            .getConfigMapping(AlertConfig.class));

    @Test
    void routeBySeverity() {
        assertThat(routes.topicsFor(finding("amplification-reflector", Severity.CRITICAL, 53, "dc")))
                .containsExactly("portwatch.alerts.paging");
        assertThat(routes.topicsFor(finding("amplification-reflector", Severity.MEDIUM, 53, "dc"))).isEmpty();
    }

    @Test
    void routeByZoneAndRuleTogether() {
        assertThat(routes.topicsFor(finding("legacy-service-exposed", Severity.LOW, 548, "lab-2")))
                .containsExactly("portwatch.alerts.lab");
        assertThat(routes.topicsFor(finding("legacy-service-exposed", Severity.LOW, 548, "office"))).isEmpty();
        assertThat(routes.topicsFor(finding("unexpected-process", Severity.LOW, 548, "lab-1"))).isEmpty();
        assertThat(routes.topicsFor(finding("legacy-service-exposed", Severity.LOW, 548, null))).isEmpty();
    }

    @Test
    void routeByPortAndEveryMatchingRoute() {
        assertThat(routes.topicsFor(finding("amplification-reflector", Severity.CRITICAL, 3283, "lab-1")))
                .containsExactly("portwatch.alerts.paging", "portwatch.alerts.reflectors");
    }

    @Test
    void aFleetFindingWithoutAListenerGoesByEveryConditionButPorts() {
        FindingEvent critical = finding("amplification-reflector", Severity.CRITICAL, 3283, "lab-1");
        FindingEvent fleet = new FindingEvent("f-probe", "probe-impersonation", Severity.CRITICAL, FindingState.OPEN, critical.host(),
                "lab-1", critical.asset(), new ProbeInfo("p-1", "lab-1", ProbeMode.HOST), null, null, "title", "description",
                "remediation", List.of(), critical.firstSeen(), critical.lastSeen(), 1);
        assertThat(routes.topicsFor(fleet)).containsExactly("portwatch.alerts.paging");
    }

    @Test
    void suppressedFindingsAreNeverRouted() {
        FindingEvent critical = finding("amplification-reflector", Severity.CRITICAL, 3283, "lab-1");
        FindingEvent suppressed = new FindingEvent(critical.findingId(), critical.rule(), critical.severity(), FindingState.SUPPRESSED,
                critical.host(), critical.zone(), critical.asset(), critical.probe(), critical.listener(), critical.knowledge(), critical.title(), critical.description(),
                critical.remediation(), critical.references(), critical.firstSeen(), critical.lastSeen(), 2);
        assertThat(routes.topicsFor(suppressed)).isEmpty();
    }

    private static FindingEvent finding(String rule, Severity severity, int port, String zone) {
        PortKey key = new PortKey(Transport.UDP, port);
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        return new FindingEvent("f-" + port, rule, severity, FindingState.OPEN, Fixtures.host("h1"), zone, "h1", null,
                Fixtures.listener(key, "0.0.0.0", Exposure.ALL_INTERFACES),
                new KnowledgeSummary("svc", ServiceStatus.LEGACY, Risk.HIGH), "title", "description", "remediation", List.of(),
                now, now, 1);
    }
}
