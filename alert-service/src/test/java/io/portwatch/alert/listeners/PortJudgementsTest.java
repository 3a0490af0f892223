package io.portwatch.alert.listeners;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.Judgement;
import io.portwatch.alert.rules.Verdict;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PortJudgementsTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final PortKey SSH = new PortKey(Transport.TCP, 22);
    private static final HostInfo HOST = Fixtures.host("h");
    private static final PortKnowledge LEGACY = Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH);

    private final PortJudgements judgements = new PortJudgements();
    private int rulesRun;

    @Test
    void aPortJudgedOnEqualHostListenersAndKnowledgeKeepsItsJudgementsWithoutRunningTheRules() {
        List<Judgement> first = judge(HOST, AFP, List.of(wildcard(), loopback()), LEGACY);

        List<Judgement> again = judge(Fixtures.host("h"), AFP, List.of(wildcard(), loopback()),
                Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));

        assertThat(again).as("equal, not the same objects: the very list kept").isSameAs(first);
        assertThat(rulesRun).isEqualTo(1);
    }

    @Test
    void anotherOwnerListenerOrderHostOrKnowledgeIsJudgedAgain() {
        assertJudgedAgain("another owner", () -> judge(HOST, AFP, List.of(Fixtures.owned(wildcard(), "rapportd"), loopback()), LEGACY));
        assertJudgedAgain("one listener fewer", () -> judge(HOST, AFP, List.of(wildcard()), LEGACY));
        assertJudgedAgain("another order", () -> judge(HOST, AFP, List.of(loopback(), wildcard()), LEGACY));
        assertJudgedAgain("another host name", () -> judge(new HostInfo("h", "renamed", List.of()), AFP, List.of(wildcard(), loopback()), LEGACY));
        assertJudgedAgain("the port's knowledge changed",
                () -> judge(HOST, AFP, List.of(wildcard(), loopback()), Fixtures.knowledge(AFP, ServiceStatus.ACTIVE, Risk.LOW)));
    }

    /** After the port is judged as it was first (two listeners on the host), judging it with one thing changed runs the rules. */
    private void assertJudgedAgain(String change, Runnable judging) {
        List<Judgement> kept = judge(HOST, AFP, List.of(wildcard(), loopback()), LEGACY);
        int before = rulesRun;
        judging.run();
        assertThat(rulesRun).as(change).isEqualTo(before + 1);
        assertThat(judge(HOST, AFP, List.of(wildcard(), loopback()), LEGACY)).as("judged as first again").isNotSameAs(kept);
    }

    @Test
    void eachPortKeepsItsOwnAndAnEmptiedPortIsJudgedAgain() {
        PortKnowledge ssh = Fixtures.knowledge(SSH, ServiceStatus.ACTIVE, Risk.LOW);
        Listener sshd = Fixtures.listener(SSH, "0.0.0.0", Exposure.ALL_INTERFACES);
        judge(HOST, AFP, List.of(wildcard()), LEGACY);
        judge(HOST, SSH, List.of(sshd), ssh);
        assertThat(rulesRun).isEqualTo(2);

        judge(HOST, AFP, List.of(), LEGACY);
        judge(HOST, AFP, List.of(wildcard()), LEGACY);
        judge(HOST, SSH, List.of(sshd), ssh);
        assertThat(rulesRun).as("a port left without listeners keeps nothing; the other keeps its own").isEqualTo(4);
    }

    @Test
    void theHostsPortsOfOneEventAreJudgedEachOnItsOwn() {
        PortKnowledge ssh = Fixtures.knowledge(SSH, ServiceStatus.ACTIVE, Risk.LOW);
        Listener sshd = Fixtures.listener(SSH, "0.0.0.0", Exposure.ALL_INTERFACES);
        List<Judgement> afp = judge(HOST, AFP, List.of(wildcard()), LEGACY);

        Map<PortKey, List<Judgement>> judged = judgements.judge(HOST, Map.of(AFP, List.of(wildcard()), SSH, List.of(sshd)),
                port -> port.equals(AFP) ? LEGACY : ssh, (host, listeners, known) -> {
                    rulesRun++;
                    return List.of(new Judgement(new Verdict("r", Severity.LOW, "t", "d"), listeners.get(0), known));
                });

        assertThat(judged.get(AFP)).as("kept").isSameAs(afp);
        assertThat(judged.get(SSH)).singleElement().satisfies(judgement -> assertThat(judgement.knowledge()).isEqualTo(ssh));
        assertThat(rulesRun).as("the rules ran for the new port only").isEqualTo(2);
        assertThat(judge(HOST, SSH, List.of(sshd), ssh)).as("kept for next time").isSameAs(judged.get(SSH));
        assertThat(rulesRun).isEqualTo(2);
    }

    /** Judges through the kept judgements; the rules make a new list of one judgement per listener each time. */
    private List<Judgement> judge(HostInfo host, PortKey port, List<Listener> listeners, PortKnowledge knowledge) {
        return judgements.judge(host, Map.of(port, listeners), key -> knowledge, (judged, onPort, known) -> {
            rulesRun++;
            return onPort.stream()
                    .map(listener -> new Judgement(new Verdict("legacy-service-exposed", Severity.HIGH, "exposed", "on " + listener.address()),
                            listener, known))
                    .toList();
        }).get(port);
    }

    private static Listener wildcard() {
        return Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
    }

    private static Listener loopback() {
        return Fixtures.listener(AFP, "127.0.0.1", Exposure.LOOPBACK);
    }
}
