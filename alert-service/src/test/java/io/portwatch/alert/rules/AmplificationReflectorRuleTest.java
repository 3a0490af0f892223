package io.portwatch.alert.rules;

import io.portwatch.alert.Fixtures;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class AmplificationReflectorRuleTest {

    private static final PortKey ARMS = new PortKey(Transport.UDP, 3283);
    private static final PortKnowledge KNOWN_REFLECTOR = Fixtures.knowledge(ARMS, ServiceStatus.ACTIVE, Risk.CRITICAL,
            List.of("ARDAgent"), 35.5, false);
    private static final Evidence ARMS_STATUS = new Evidence("arms-status", 32, 1034, null, null, null, null, null);

    private final AmplificationReflectorRule rule = new AmplificationReflectorRule();

    @Test
    void reachableWithAMeasuredRatioIsCritical() {
        Listener reached = Fixtures.withEvidence(Fixtures.listener(ARMS, "198.51.100.7", Exposure.REACHABLE), ARMS_STATUS);

        Verdict verdict = rule.evaluate(Fixtures.host("mac-01"), reached, KNOWN_REFLECTOR).orElseThrow();

        assertThat(verdict.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(verdict.description()).contains("measured 32.3:1", "32 bytes in, 1034 out");
    }

    @Test
    void boundToAllInterfacesWithAKnownFactorIsHigh() {
        Verdict verdict = rule.evaluate(Fixtures.host("mac-01"), Fixtures.listener(ARMS, "0.0.0.0", Exposure.ALL_INTERFACES),
                KNOWN_REFLECTOR).orElseThrow();

        assertThat(verdict.severity()).isEqualTo(Severity.HIGH);
        assertThat(verdict.description()).contains("known 35.5:1");
    }

    @Test
    void loopbackIsInformational() {
        assertThat(rule.evaluate(Fixtures.host("h"), Fixtures.listener(ARMS, "127.0.0.1", Exposure.LOOPBACK), KNOWN_REFLECTOR)
                .orElseThrow().severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void measuredRatioBelowTenIsNoReflectorWhateverTheKnowledgeSays() {
        Listener small = Fixtures.withEvidence(Fixtures.listener(ARMS, "198.51.100.7", Exposure.REACHABLE),
                new Evidence("arms-status", 32, 64, null, null, null, null, null));

        assertThat(rule.evaluate(Fixtures.host("h"), small, KNOWN_REFLECTOR)).isEmpty();
    }

    @Test
    void measuredRatioMakesAnUnknownPortAReflector() {
        PortKey other = new PortKey(Transport.UDP, 40_000);
        Listener reached = Fixtures.withEvidence(Fixtures.listener(other, "198.51.100.7", Exposure.REACHABLE), ARMS_STATUS);

        assertThat(rule.evaluate(Fixtures.host("h"), reached, PortKnowledge.unassigned(other)).orElseThrow().severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void writesTheRatioAsStringFormatWould() {
        List<Double> values = new ArrayList<>(List.of(10.0, 10.05, 10.15, 10.25, 10.35, 10.45, 10.95, 19.95, 99.95, 32.3125,
                35.55, 1e7 + 0.05, 123456789.25, 1e20, 1.7976931348623157e308, Double.POSITIVE_INFINITY, Double.NaN));
        SplittableRandom random = new SplittableRandom(27);
        for (int i = 0; i < 20_000; i++) {
            values.add(10 + random.nextInt(1_000_000) / 1000.0);
            values.add(random.nextInt(1, 65_536) / (double) random.nextInt(1, 2_000));
            values.add(10 + random.nextDouble() * 1_000);
        }
        for (double value : values) {
            assertThat(AmplificationReflectorRule.oneDecimal(value)).as("%s", value)
                    .isEqualTo(String.format(Locale.ROOT, "%.1f", value));
        }
    }

    @Test
    void tcpIsNeverAReflector() {
        PortKey tcp = new PortKey(Transport.TCP, 3283);
        assertThat(rule.evaluate(Fixtures.host("h"), Fixtures.listener(tcp, "0.0.0.0", Exposure.ALL_INTERFACES),
                Fixtures.knowledge(tcp, ServiceStatus.ACTIVE, Risk.CRITICAL, List.of(), 35.5, false))).isEmpty();
    }
}
