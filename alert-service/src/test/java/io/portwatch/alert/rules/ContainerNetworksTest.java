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
import io.portwatch.events.listener.NetworkNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Exposure judged inside the listener's namespace: a container's 0.0.0.0 is not the node's public interfaces. */
class ContainerNetworksTest {

    private static final PortKey EPPC = new PortKey(Transport.TCP, 3031);
    private static final PortKnowledge EPPC_KNOWLEDGE = Fixtures.knowledge(EPPC, ServiceStatus.LEGACY, Risk.HIGH,
            List.of("rapportd"), null, false);
    private static final String CONTAINER = "3f2a1b9c0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";

    private final UnexpectedProcessRule rule = new UnexpectedProcessRule();

    @Test
    void wildcardInsideAContainerIsOneStepBelowTheNodesInterfaces() {
        Listener onNode = Fixtures.owned(Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES), "nc");
        Listener inContainer = Fixtures.inContainer(onNode, CONTAINER);

        Verdict node = judge(onNode);
        Verdict container = judge(inContainer);

        assertThat(node.severity()).isEqualTo(Severity.HIGH);
        assertThat(container.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(container.description())
                .contains("ALL_INTERFACES of container 3f2a1b9c0d4e's network namespace")
                .contains("not on the node's own interfaces");
    }

    @Test
    void wildcardInTheHostsOwnNamespaceIsTheNodes() {
        Listener hostNamespace = new Listener(Transport.TCP, "0.0.0.0", 3031, 4, Exposure.ALL_INTERFACES,
                Fixtures.owned(Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES), "nc").process(), null,
                new NetworkNamespace(4026531840L, true, null), null);

        assertThat(judge(hostNamespace).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void loopbackInsideAContainerKeepsItsLoopbackVerdict() {
        Listener loopback = Fixtures.inContainer(Fixtures.owned(Fixtures.listener(EPPC, "127.0.0.1", Exposure.LOOPBACK), "nc"), CONTAINER);

        assertThat(judge(loopback).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(judge(loopback).description()).doesNotContain("not on the node's own interfaces");
    }

    @Test
    void informationalStaysInformational() {
        Listener rapportd = Fixtures.inContainer(Fixtures.owned(Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES), "rapportd"),
                CONTAINER);
        Verdict informational = new Verdict(UnexpectedProcessRule.ID, Severity.INFO, "Expected process", "on the port");

        assertThat(ContainerNetworks.judge(informational, rapportd).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void lowIsTheFloorForFindingsAboveInfo() {
        Verdict low = new Verdict("r", Severity.LOW, "t", "d");
        Listener inContainer = Fixtures.inContainer(Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES), CONTAINER);

        assertThat(ContainerNetworks.judge(low, inContainer).severity()).isEqualTo(Severity.LOW);
    }

    private Verdict judge(Listener listener) {
        return ContainerNetworks.judge(rule.evaluate(Fixtures.host("node-1"), listener, EPPC_KNOWLEDGE).orElseThrow(), listener);
    }
}
