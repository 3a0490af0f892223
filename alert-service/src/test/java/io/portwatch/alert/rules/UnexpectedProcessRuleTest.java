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
import io.portwatch.events.listener.ProcessInfo;
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
    void aProcessCallingItselfRapportdButRunningAnotherExecutableIsHigh() {
        Verdict verdict = rule.evaluate(Fixtures.host("mac-01"), Fixtures.ownedBy(EXPOSED, "rapportd", "/tmp/.hidden/backdoor"),
                EPPC_KNOWLEDGE).orElseThrow();

        assertThat(verdict.severity()).isEqualTo(Severity.HIGH);
        assertThat(verdict.title()).isEqualTo("Process posing as rapportd on tcp/3031 on mac-01.test");
        assertThat(verdict.description()).contains("/tmp/.hidden/backdoor", "uid 0", "expected: /usr/libexec/rapportd");
    }

    @Test
    void aDeletedExpectedExecutableIsNotTrusted() {
        assertThat(rule.evaluate(Fixtures.host("h"), Fixtures.ownedBy(EXPOSED, "rapportd", "/usr/libexec/rapportd (deleted)"),
                EPPC_KNOWLEDGE).orElseThrow().severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void theExpectedPathInsideAContainerProvesNothing() {
        assertThat(rule.evaluate(Fixtures.host("h"), Fixtures.inContainer(Fixtures.owned(EXPOSED, "rapportd"), "3f2a1b9c0d4e5f60"),
                EPPC_KNOWLEDGE).orElseThrow().severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void aSocketSharedWithAnUnexpectedProcessIsUnexpected() {
        Listener shared = Fixtures.withOwners(Fixtures.owned(EXPOSED, "rapportd"),
                new ProcessInfo(412, "rapportd", "/usr/libexec/rapportd", "mac", 501),
                List.of(new ProcessInfo(666, "python3", "/usr/bin/python3.11", "mac", 501)));

        Verdict verdict = rule.evaluate(Fixtures.host("h"), shared, EPPC_KNOWLEDGE).orElseThrow();

        assertThat(verdict.severity()).isEqualTo(Severity.HIGH);
        assertThat(verdict.title()).startsWith("Unexpected process python3");
    }

    @Test
    void onlyExpectedNamesAndNoExecutablesLowerNothing() {
        PortKnowledge namesOnly = new PortKnowledge(3031, Transport.TCP, "eppc", List.of(), "Remote Apple Events", EPPC_KNOWLEDGE.range(),
                ServiceStatus.LEGACY, Risk.HIGH, List.of(), List.of("rapportd"), List.of(), List.of(), null, false, null, List.of(), 1, null);

        assertThat(rule.evaluate(Fixtures.host("h"), Fixtures.owned(EXPOSED, "rapportd"), namesOnly).orElseThrow().severity())
                .isEqualTo(Severity.HIGH);
    }

    @Test
    void unknownProcessReachableFromTheNetworkIsHigh() {
        Verdict verdict = rule.evaluate(Fixtures.host("mac-01"), Fixtures.owned(EXPOSED, "nc"), EPPC_KNOWLEDGE).orElseThrow();

        assertThat(verdict.severity()).isEqualTo(Severity.HIGH);
        assertThat(verdict.description()).contains("process nc[4242]", "nc[4242] (/usr/libexec/nc, uid 0)", "expected: /usr/libexec/rapportd");
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
