package io.portwatch.alert.rules;

import io.portwatch.alert.Fixtures;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LegacyServiceExposedRuleTest {

    private static final PortKey EPPC = new PortKey(Transport.TCP, 3031);
    private final LegacyServiceExposedRule rule = new LegacyServiceExposedRule();

    @Test
    void exposedLegacyServiceIsAsSevereAsItsRisk() {
        Verdict verdict = rule.evaluate(Fixtures.host("mac-01"), Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES),
                Fixtures.knowledge(EPPC, ServiceStatus.LEGACY, Risk.HIGH)).orElseThrow();

        assertThat(verdict.rule()).isEqualTo("legacy-service-exposed");
        assertThat(verdict.severity()).isEqualTo(Severity.HIGH);
        assertThat(verdict.title()).contains("exposed", "tcp/3031", "mac-01.test");
        assertThat(verdict.description()).contains("tcp/0.0.0.0:3031", "ALL_INTERFACES", "a threat");
    }

    @Test
    void deprecatedCriticalServiceReachableFromTheNetworkIsCritical() {
        assertThat(rule.evaluate(Fixtures.host("h"), Fixtures.listener(EPPC, "198.51.100.7", Exposure.REACHABLE),
                Fixtures.knowledge(EPPC, ServiceStatus.DEPRECATED, Risk.CRITICAL)).orElseThrow().severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void loopbackOnlyIsInformational() {
        Verdict verdict = rule.evaluate(Fixtures.host("h"), Fixtures.listener(EPPC, "127.0.0.1", Exposure.LOOPBACK),
                Fixtures.knowledge(EPPC, ServiceStatus.DEPRECATED, Risk.CRITICAL)).orElseThrow();

        assertThat(verdict.severity()).isEqualTo(Severity.INFO);
        assertThat(verdict.title()).contains("loopback");
    }

    @Test
    void expectedOwnerIsInformationalEvenWhenExposed() {
        Verdict verdict = rule.evaluate(Fixtures.host("mac-01"),
                Fixtures.owned(Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES), "rapportd"),
                Fixtures.knowledge(EPPC, ServiceStatus.LEGACY, Risk.HIGH, List.of("rapportd"), null, false)).orElseThrow();

        assertThat(verdict.severity()).isEqualTo(Severity.INFO);
        assertThat(verdict.description()).contains("process rapportd[4242]");
    }

    @Test
    void activeServiceIsNotThisRulesBusiness() {
        assertThat(rule.evaluate(Fixtures.host("h"), Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES),
                Fixtures.knowledge(EPPC, ServiceStatus.ACTIVE, Risk.CRITICAL))).isEmpty();
    }

    @Test
    void lowRiskLegacyServiceIsLow() {
        assertThat(rule.evaluate(Fixtures.host("h"), Fixtures.listener(EPPC, "::", Exposure.ALL_INTERFACES),
                Fixtures.knowledge(EPPC, ServiceStatus.LEGACY, Risk.NONE)).orElseThrow().severity()).isEqualTo(Severity.LOW);
    }
}
