package io.portwatch.alert.listeners;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.ListenerEventType;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The three services of the seed pages, from listener events on the real topics to finding events. */
@QuarkusTest
class SeedScenariosTest {

    static final PortKey WEBADMIN = new PortKey(Transport.TCP, 311);
    static final PortKey EPPC = new PortKey(Transport.TCP, 3031);
    static final PortKey ARMS = new PortKey(Transport.UDP, 3283);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private AlertFlow flow;

    @BeforeEach
    void seedKnowledgeIsPublished() {
        flow = new AlertFlow(bootstrapServers).knowledge(3,
                Fixtures.knowledge(WEBADMIN, ServiceStatus.DEPRECATED, Risk.HIGH, List.of(), null, true),
                Fixtures.knowledge(EPPC, ServiceStatus.LEGACY, Risk.HIGH, List.of("rapportd"), null, false),
                Fixtures.knowledge(ARMS, ServiceStatus.ACTIVE, Risk.CRITICAL, List.of("ARDAgent"), 35.5, false));
    }

    @AfterEach
    void close() {
        flow.close();
    }

    @Test
    void appleShareWebAdminExposedIsAPlaintextAdminAndALegacyService() {
        flow.publish(Fixtures.event(ListenerEventType.OPENED, "xserve-01",
                Fixtures.owned(Fixtures.listener(WEBADMIN, "0.0.0.0", Exposure.ALL_INTERFACES), "httpd")));

        assertThat(flow.awaitFinding("xserve-01", WEBADMIN, "plaintext-admin", FindingState.OPEN).severity()).isEqualTo(Severity.HIGH);
        assertThat(flow.awaitFinding("xserve-01", WEBADMIN, "legacy-service-exposed", FindingState.OPEN).severity())
                .isEqualTo(Severity.HIGH);
    }

    @Test
    void remoteAppleEventsOwnedByRapportdIsInformational() {
        flow.publish(Fixtures.event(ListenerEventType.OPENED, "mac-rapportd",
                Fixtures.owned(Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES), "rapportd")));

        assertThat(flow.awaitFinding("mac-rapportd", EPPC, "unexpected-process", FindingState.OPEN).severity())
                .isEqualTo(Severity.INFO);
        assertThat(flow.awaitFinding("mac-rapportd", EPPC, "legacy-service-exposed", FindingState.OPEN).severity())
                .isEqualTo(Severity.INFO);
    }

    @Test
    void remoteAppleEventsOwnedBySomethingElseIsHigh() {
        flow.publish(Fixtures.event(ListenerEventType.OPENED, "mac-intruded",
                Fixtures.owned(Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES), "backdoor")));

        FindingEvent unexpected = flow.awaitFinding("mac-intruded", EPPC, "unexpected-process", FindingState.OPEN);
        assertThat(unexpected.severity()).isEqualTo(Severity.HIGH);
        assertThat(unexpected.description()).contains("backdoor", "expected: rapportd");
    }

    @Test
    void appleRemoteDesktopReachableWithAMeasuredRatioIsACriticalReflector() {
        Evidence armsStatus = new Evidence("arms-status", 32, 1034, null, null, null, null, null);
        flow.publish(Fixtures.event(ListenerEventType.OPENED, "mac-ard",
                Fixtures.withEvidence(Fixtures.listener(ARMS, "198.51.100.20", Exposure.REACHABLE), armsStatus)));

        FindingEvent reflector = flow.awaitFinding("mac-ard", ARMS, "amplification-reflector", FindingState.OPEN);
        assertThat(reflector.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(reflector.listener().evidence().amplificationRatio()).isEqualTo(1034 / 32.0);
    }

    @Test
    void knowledgeChangeReJudgesExistingFindings() {
        PortKey afpUdp = new PortKey(Transport.UDP, 548);
        flow.knowledge(4, Fixtures.knowledge(afpUdp, ServiceStatus.LEGACY, Risk.MEDIUM));
        flow.publish(Fixtures.event(ListenerEventType.OPENED, "mac-reeval", Fixtures.listener(afpUdp, "0.0.0.0", Exposure.ALL_INTERFACES)));
        assertThat(flow.awaitFinding("mac-reeval", afpUdp, "legacy-service-exposed", FindingState.OPEN).severity())
                .isEqualTo(Severity.MEDIUM);

        flow.knowledge(4, withStatus(Fixtures.knowledge(afpUdp, ServiceStatus.LEGACY, Risk.MEDIUM), ServiceStatus.ACTIVE, 2));

        assertThat(flow.awaitFinding("mac-reeval", afpUdp, "legacy-service-exposed", FindingState.RESOLVED).version())
                .isEqualTo(2);
    }

    private static PortKnowledge withStatus(PortKnowledge knowledge, ServiceStatus status, long version) {
        return new PortKnowledge(knowledge.port(), knowledge.transport(), knowledge.serviceName(), knowledge.aliases(),
                knowledge.description(), knowledge.range(), status, knowledge.risk(), knowledge.threats(),
                knowledge.expectedProcesses(), knowledge.relatedPorts(), knowledge.amplificationFactor(),
                knowledge.plaintextCredentials(), knowledge.remediation(), knowledge.references(), version, Instant.now());
    }
}
