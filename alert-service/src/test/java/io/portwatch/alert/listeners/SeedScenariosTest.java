package io.portwatch.alert.listeners;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.FindingEntity;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEventType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        assertThat(unexpected.description()).contains("backdoor", "expected: /usr/libexec/rapportd");
    }

    @Test
    void aBackdoorCallingItselfRapportdIsHighAndNamedForWhatItIs() {
        flow.publish(Fixtures.event(ListenerEventType.OPENED, "mac-posing",
                Fixtures.ownedBy(Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES), "rapportd", "/tmp/.x/rapportd")));

        FindingEvent unexpected = flow.awaitFinding("mac-posing", EPPC, "unexpected-process", FindingState.OPEN);
        assertThat(unexpected.severity()).isEqualTo(Severity.HIGH);
        assertThat(unexpected.title()).startsWith("Process posing as rapportd");
        assertThat(flow.awaitFinding("mac-posing", EPPC, "legacy-service-exposed", FindingState.OPEN).severity())
                .as("an expected name never lowers a network-exposed legacy finding").isEqualTo(Severity.HIGH);
    }

    @Test
    void aSecondSocketBesideRapportdOnTheSamePortIsJudgedOnItsOwn() {
        Listener loopback = Fixtures.listener(EPPC, "127.0.0.1", Exposure.LOOPBACK);
        flow.publish(Fixtures.event(ListenerEventType.SNAPSHOT, "mac-reuseport",
                Fixtures.socket(Fixtures.owned(loopback, "rapportd"), 7001),
                Fixtures.socket(Fixtures.ownedBy(loopback, "python3", "/usr/bin/python3.11"), 7002)));

        FindingEvent unexpected = flow.awaitFinding("mac-reuseport", EPPC, "unexpected-process", FindingState.OPEN);
        assertThat(unexpected.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(unexpected.listener().process().exe()).isEqualTo("/usr/bin/python3.11");
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

        flow.knowledge(4, revised(Fixtures.knowledge(afpUdp, ServiceStatus.LEGACY, Risk.MEDIUM), ServiceStatus.ACTIVE, Risk.MEDIUM, 2));

        assertThat(flow.awaitFinding("mac-reeval", afpUdp, "legacy-service-exposed", FindingState.RESOLVED).version())
                .isEqualTo(2);
    }

    @Test
    void knowledgeChangeReJudgesTheFindingsOfAHostWhoseListenersThisInstanceNeverSawOnTheirStoredListeners() {
        PortKey telnet = new PortKey(Transport.TCP, 23);
        PortKnowledge medium = Fixtures.knowledge(telnet, ServiceStatus.LEGACY, Risk.MEDIUM);
        flow.knowledge(4, medium);
        // A host this instance sees (so the knowledge is in its view), and one that another instance stored.
        flow.publish(Fixtures.event(ListenerEventType.OPENED, "mac-here", Fixtures.listener(telnet, "0.0.0.0", Exposure.ALL_INTERFACES)));
        FindingEvent here = flow.awaitFinding("mac-here", telnet, "legacy-service-exposed", FindingState.OPEN);
        String elsewhere = storedByAnotherInstance(here, "mac-elsewhere");

        flow.knowledge(4, revised(medium, ServiceStatus.LEGACY, Risk.HIGH, 2));

        FindingEvent rejudged = await().atMost(Duration.ofSeconds(30)).until(() -> flow.findings().stream()
                .filter(event -> event.findingId().equals(elsewhere))
                .filter(event -> event.severity() == Severity.HIGH || event.state() == FindingState.RESOLVED)
                .findFirst(), Optional::isPresent).orElseThrow();
        assertThat(rejudged.state()).as("its listener was never seen to close").isEqualTo(FindingState.OPEN);
        assertThat(rejudged.severity()).isEqualTo(Severity.HIGH);
        assertThat(rejudged.listener()).isEqualTo(here.listener());
    }

    /** Stores a copy of a finding for another host, as the instance that holds that host's listeners would have. */
    private static String storedByAnotherInstance(FindingEvent like, String hostId) {
        FindingEntity finding = new FindingEntity();
        finding.findingId = FindingIds.of(hostId, like.listener().portKey(), like.rule());
        finding.rule = like.rule();
        finding.hostId = hostId;
        finding.transport = like.listener().portKey().transport().wireName();
        finding.port = like.listener().portKey().port();
        finding.severity = like.severity();
        finding.state = like.state();
        finding.host = Fixtures.host(hostId);
        finding.zone = like.zone();
        finding.listener = like.listener();
        finding.knowledge = like.knowledge();
        finding.title = like.title();
        finding.description = like.description();
        finding.remediation = like.remediation();
        finding.references = new ArrayList<>(like.references());
        finding.firstSeen = like.firstSeen();
        finding.lastSeen = like.lastSeen();
        finding.seenCount = 1;
        finding.version = 1;
        QuarkusTransaction.requiringNew().run(finding::persist);
        return finding.findingId;
    }

    private static PortKnowledge revised(PortKnowledge knowledge, ServiceStatus status, Risk risk, long version) {
        return new PortKnowledge(knowledge.port(), knowledge.transport(), knowledge.serviceName(), knowledge.aliases(),
                knowledge.description(), knowledge.range(), status, risk, knowledge.threats(),
                knowledge.expectedProcesses(), knowledge.expectedExecutables(), knowledge.relatedPorts(), knowledge.amplificationFactor(),
                knowledge.plaintextCredentials(), knowledge.remediation(), knowledge.references(), version, Instant.now());
    }
}
