package io.portwatch.alert.rules;

import io.portwatch.alert.Fixtures;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnassignedPortListenerRuleTest {

    private static final PortKey UNASSIGNED = new PortKey(Transport.TCP, 29_500);

    private final UnassignedPortListenerRule rule = new UnassignedPortListenerRule();

    @Test
    void exposedListenerOnAnUnassignedPortIsLow() {
        Verdict verdict = rule.evaluate(Fixtures.host("h"), Fixtures.listener(UNASSIGNED, "0.0.0.0", Exposure.ALL_INTERFACES),
                PortKnowledge.unassigned(UNASSIGNED)).orElseThrow();

        assertThat(verdict.severity()).isEqualTo(Severity.LOW);
        assertThat(verdict.description()).contains("registered range");
    }

    @Test
    void loopbackListenerIsNotJudged() {
        assertThat(rule.evaluate(Fixtures.host("h"), Fixtures.listener(UNASSIGNED, "127.0.0.1", Exposure.LOOPBACK),
                PortKnowledge.unassigned(UNASSIGNED))).isEmpty();
    }

    @Test
    void assignedPortIsNotJudged() {
        PortKey ssh = new PortKey(Transport.TCP, 22);
        assertThat(rule.evaluate(Fixtures.host("h"), Fixtures.listener(ssh, "0.0.0.0", Exposure.ALL_INTERFACES),
                Fixtures.knowledge(ssh, ServiceStatus.ACTIVE, Risk.NONE))).isEmpty();
    }
}
