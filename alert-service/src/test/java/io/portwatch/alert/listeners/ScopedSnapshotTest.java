package io.portwatch.alert.listeners;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.portwatch.alert.StoredFindings.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A network probe's scoped SNAPSHOTs through the real topics: each is the whole truth for its scope, and only for it. */
@QuarkusTest
class ScopedSnapshotTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final PortKey TELNET = new PortKey(Transport.TCP, 23);
    private static final String RULE = "legacy-service-exposed";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private AlertFlow flow;

    @BeforeEach
    void knowledgeIsPublished() {
        flow = new AlertFlow(bootstrapServers).knowledge(2, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH),
                Fixtures.knowledge(TELNET, ServiceStatus.LEGACY, Risk.HIGH));
    }

    @AfterEach
    void close() {
        flow.close();
    }

    @Test
    void aScopedSnapshotResolvesOnlyTheFindingsInsideItsScope() {
        String address = "192.0.2.10";
        Instant at = Instant.now().minusSeconds(60);
        flow.publish(Fixtures.scan(at, "lab", address, Fixtures.tcpScope("1-1024"), exposed(AFP, address), exposed(TELNET, address)));
        flow.awaitFinding(address + "@lab", AFP, RULE, FindingState.OPEN);
        flow.awaitFinding(address + "@lab", TELNET, RULE, FindingState.OPEN);

        flow.publish(Fixtures.scan(at.plusSeconds(1), "lab", address, Fixtures.tcpScope("1-100")));

        flow.awaitFinding(address + "@lab", TELNET, RULE, FindingState.RESOLVED);
        flow.publish(Fixtures.scan(at.plusSeconds(2), "lab", address, Fixtures.tcpScope("1-100")));
        flow.publish(Fixtures.scan(at.plusSeconds(3), "lab", address, Fixtures.tcpScope("23"), exposed(TELNET, address)));
        flow.awaitFinding(address + "@lab", TELNET, RULE, FindingState.OPEN);
        assertThat(stored(FindingIds.of(address + "@lab", AFP, RULE)).state).as("548 lies outside every later scope")
                .isEqualTo(FindingState.OPEN);
    }

    @Test
    void twoZonesScanningOneAddressKeepSeparateFindings() {
        String address = "192.0.2.11";
        Instant at = Instant.now().minusSeconds(60);
        flow.publish(Fixtures.scan(at, "zone-a", address, Fixtures.tcpScope("548"), exposed(AFP, address)));
        flow.publish(Fixtures.scan(at, "zone-b", address, Fixtures.tcpScope("548"), exposed(AFP, address)));
        String inB = flow.awaitFinding(address + "@zone-b", AFP, RULE, FindingState.OPEN).findingId();
        String inA = flow.awaitFinding(address + "@zone-a", AFP, RULE, FindingState.OPEN).findingId();
        assertThat(inA).isNotEqualTo(inB);

        flow.publish(Fixtures.scan(at.plusSeconds(1), "zone-a", address, Fixtures.tcpScope("548")));

        flow.awaitFinding(address + "@zone-a", AFP, RULE, FindingState.RESOLVED);
        assertThat(stored(inB).state).as("zone b still sees it").isEqualTo(FindingState.OPEN);
    }

    @Test
    void repeatedScopedSnapshotsAdvanceLastSeen() {
        String address = "192.0.2.12";
        Listener afp = exposed(AFP, address);
        Instant first = Instant.now().minus(Duration.ofMinutes(4)).truncatedTo(ChronoUnit.MILLIS);
        String findingId = FindingIds.of(address + "@lab", AFP, RULE);
        // Repeats of one scan a minute apart (more than the lastSeen resolution): the later ones are recognised by
        // their fingerprint, and still must move lastSeen.
        for (int minute = 0; minute <= 3; minute++) {
            flow.publish(Fixtures.scan(first.plus(Duration.ofMinutes(minute)), "lab", address, Fixtures.tcpScope("1-1024"), afp));
        }

        Instant last = first.plus(Duration.ofMinutes(3));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stored(findingId).lastSeen).isEqualTo(last));
        assertThat(stored(findingId).firstSeen).isEqualTo(first);
        assertThat(stored(findingId).state).isEqualTo(FindingState.OPEN);
    }

    private static Listener exposed(PortKey port, String address) {
        return Fixtures.listener(port, address, Exposure.ALL_INTERFACES);
    }
}
