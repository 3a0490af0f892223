package io.portwatch.alert.rules;

import io.portwatch.alert.Fixtures;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnexpectedProcessRuleTest {

    private static final PortKey EPPC = new PortKey(Transport.TCP, 3031);
    private static final PortKnowledge EPPC_KNOWLEDGE = Fixtures.knowledge(EPPC, ServiceStatus.LEGACY, Risk.HIGH,
            List.of("rapportd"), null, false);
    private static final Listener EXPOSED = Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES);

    private final UnexpectedProcessRule rule = new UnexpectedProcessRule();

    @Test
    void rapportdOn3031IsInformational() {
        Verdict verdict = rule.evaluate(Fixtures.host("mac-01"), Fixtures.owned(EXPOSED, "rapportd"), EPPC_KNOWLEDGE).orElseThrow();

        assertThat(verdict.severity()).isEqualTo(Severity.INFO);
        assertThat(verdict.title()).contains("Expected process rapportd");
    }

    @Test
    void processNamesCompareIgnoringCase() {
        assertThat(rule.evaluate(Fixtures.host("h"), Fixtures.owned(EXPOSED, "RapportD"), EPPC_KNOWLEDGE).orElseThrow().severity())
                .isEqualTo(Severity.INFO);
    }

    @Test
    void unknownProcessReachableFromTheNetworkIsHigh() {
        Verdict verdict = rule.evaluate(Fixtures.host("mac-01"), Fixtures.owned(EXPOSED, "nc"), EPPC_KNOWLEDGE).orElseThrow();

        assertThat(verdict.severity()).isEqualTo(Severity.HIGH);
        assertThat(verdict.description()).contains("process nc[4242]", "expected: rapportd");
    }

    @Test
    void unknownProcessOnLoopbackIsMedium() {
        assertThat(rule.evaluate(Fixtures.host("h"), Fixtures.owned(Fixtures.listener(EPPC, "127.0.0.1", Exposure.LOOPBACK), "nc"),
                EPPC_KNOWLEDGE).orElseThrow().severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void unknownOwnerIsNotJudged() {
        assertThat(rule.evaluate(Fixtures.host("h"), EXPOSED, EPPC_KNOWLEDGE)).isEmpty();
    }

    @Test
    void portWithoutExpectedProcessesIsNotJudged() {
        assertThat(rule.evaluate(Fixtures.host("h"), Fixtures.owned(EXPOSED, "nc"),
                Fixtures.knowledge(EPPC, ServiceStatus.LEGACY, Risk.HIGH))).isEmpty();
    }
}
