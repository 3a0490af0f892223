package io.portwatch.alert.memo;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.Judgement;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.PortSet;
import io.portwatch.events.listener.SnapshotScope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SettledHostsTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final PortKey SSH = new PortKey(Transport.TCP, 22);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant DUE = NOW.plusSeconds(30);
    private static final List<Judgement> EXPOSED = List.of(Fixtures.exposedAfp(Severity.HIGH));
    private static final Replaces WHOLE = new Replaces(true, null);

    private final HostMemos hosts = new HostMemos();
    private final SettledHosts settled = new SettledHosts(hosts);

    @Test
    void aHostNeverReconciledIsNotSettled() {
        assertThat(unchanged("h", Map.of(AFP, EXPOSED), Replaces.NOTHING, NOW)).isFalse();
    }

    @Test
    void theSameJudgementsBeforeTheLastSeenRewriteIsDueChangeNothing() {
        settle("h", Map.of(AFP, EXPOSED, SSH, List.of()), Set.of(AFP));

        assertThat(unchanged("h", Map.of(AFP, List.of(Fixtures.exposedAfp(Severity.HIGH)), SSH, List.of()), WHOLE,
                NOW.plusSeconds(29)))
                .isTrue();
        assertThat(unchanged("h", Map.of(SSH, List.of()), Replaces.NOTHING, NOW)).as("an event on one of its ports").isTrue();
        assertThat(unchanged("h", Map.of(AFP, EXPOSED), Replaces.NOTHING, DUE)).as("lastSeen is due").isFalse();
    }

    @Test
    void aDifferentJudgementAPortNeverJudgedOrAnActivePortASnapshotLeavesOutIsAChange() {
        settle("h", Map.of(AFP, EXPOSED, SSH, List.of()), Set.of(AFP));

        assertThat(unchanged("h", Map.of(AFP, List.of(Fixtures.exposedAfp(Severity.CRITICAL))), Replaces.NOTHING, NOW)).isFalse();
        assertThat(unchanged("h", Map.of(new PortKey(Transport.UDP, 548), List.of()), Replaces.NOTHING, NOW)).isFalse();
        assertThat(unchanged("h", Map.of(SSH, List.of()), WHOLE, NOW)).as("the snapshot closes 548").isFalse();
    }

    @Test
    void aScopedSnapshotLeavingOutAnActivePortChangesSomethingOnlyWhenItsScopeCoversThePort() {
        settle("h", Map.of(AFP, EXPOSED, SSH, List.of()), Set.of(AFP));

        assertThat(unchanged("h", Map.of(SSH, List.of()), scoped("22"), NOW)).as("548 lies outside the scope").isTrue();
        assertThat(unchanged("h", Map.of(SSH, List.of()), scoped("1-1024"), NOW)).as("the scan closes 548").isFalse();
    }

    @Test
    void theOneEmptyMapFoundUnchangedUnderOneScopeIsJudgedAgainUnderAnother() {
        settle("h", Map.of(SSH, List.of()), Set.of(AFP));
        Map<PortKey, List<Judgement>> nothing = Map.copyOf(new HashMap<>()); // the one empty map every such event gets

        assertThat(unchanged("h", nothing, scoped("22"), NOW)).as("548 lies outside the scope").isTrue();
        assertThat(unchanged("h", nothing, scoped("22"), NOW)).as("remembered").isTrue();
        assertThat(unchanged("h", nothing, scoped("500-600"), NOW)).as("the same map, a scope that closes 548").isFalse();
    }

    @Test
    void laterReconciliationsAddToWhatAHostSettled() {
        settle("h", Map.of(AFP, EXPOSED), Set.of(AFP));
        settle("h", Map.of(SSH, List.of()), Set.of(AFP));

        assertThat(unchanged("h", Map.of(AFP, EXPOSED, SSH, List.of()), WHOLE, NOW)).isTrue();
    }

    @Test
    void aLaterReconciliationsActivePortsAreTheHostsActivePorts() {
        settle("h", Map.of(AFP, EXPOSED, SSH, List.of()), Set.of(AFP));
        settle("h", Map.of(AFP, List.of()), Set.of()); // a CLOSED on 548 resolved its finding

        assertThat(unchanged("h", Map.of(SSH, List.of()), WHOLE, NOW)).as("548 has no active finding left out").isTrue();
        settle("h", Map.of(AFP, EXPOSED), Set.of(AFP)); // opened again
        assertThat(unchanged("h", Map.of(SSH, List.of()), WHOLE, NOW)).as("the snapshot closes 548 again").isFalse();
    }

    @Test
    void aLaterReconciliationOfAnotherPortLeavesWhenAPortIsDueAsItWas() {
        Map<PortKey, List<Judgement>> snapshot = Map.of(AFP, EXPOSED, SSH, List.of());
        settle("h", snapshot, Set.of(AFP));
        settle("h", Map.of(SSH, List.of()), Set.of(AFP), DUE.plusSeconds(20)); // an OPENED on 22 only, later

        assertThat(unchanged("h", Map.of(SSH, List.of()), Replaces.NOTHING, DUE.plusSeconds(10)))
                .as("22 was reconciled later").isTrue();
        assertThat(unchanged("h", snapshot, WHOLE, DUE.plusSeconds(10)))
                .as("548's lastSeen is due, whatever was reconciled on 22 since").isFalse();
        assertThat(unchanged("h", snapshot, WHOLE, NOW.plusSeconds(10))).isTrue();
        assertThat(unchanged("h", snapshot, WHOLE, DUE.plusSeconds(10)))
                .as("nor once the same judgements were found unchanged").isFalse();
    }

    @Test
    void aRepeatedSnapshotFoundUnchangedIsJudgedAgainstTheNextSettlementAfresh() {
        Map<PortKey, List<Judgement>> repeated = Map.of(AFP, EXPOSED);
        settle("h", Map.of(AFP, EXPOSED), Set.of(AFP));
        assertThat(unchanged("h", repeated, WHOLE, NOW)).isTrue();
        assertThat(unchanged("h", repeated, WHOLE, NOW.plusSeconds(1))).as("the same judgements again").isTrue();
        assertThat(unchanged("h", repeated, WHOLE, DUE)).as("lastSeen is due, even for a remembered repeat").isFalse();

        settle("h", Map.of(AFP, List.of(Fixtures.exposedAfp(Severity.CRITICAL))), Set.of(AFP));

        assertThat(unchanged("h", repeated, WHOLE, NOW)).as("the host was settled on other judgements since").isFalse();
    }

    @Test
    void forgettingDropsEverythingAndReconciliationsStartedBeforeSettleNothing() {
        settle("h", Map.of(AFP, EXPOSED), Set.of(AFP));
        long before = settled.generation();

        settled.forgetAll();
        settled.settle(before, List.of(new Settlement("g", Map.of(AFP, EXPOSED), Set.of(AFP), Map.of(AFP, DUE), DUE)));

        assertThat(unchanged("h", Map.of(AFP, EXPOSED), Replaces.NOTHING, NOW)).isFalse();
        assertThat(unchanged("g", Map.of(AFP, EXPOSED), Replaces.NOTHING, NOW)).isFalse();
    }

    @Test
    void aHostReachedWithoutALookupIsBelievedOnlyWhileItIsHeldInItsGeneration() {
        settle("h", Map.of(AFP, EXPOSED), Set.of(AFP));
        HostMemo reached = hosts.of("h");
        assertThat(settled.of(reached)).isNotNull();

        long before = settled.generation();
        settled.forgetAll();
        assertThat(settled.of(reached)).as("forgotten").isNull();
        assertThat(hosts.of("h")).as("kept, cleared: the host's next event clears what its handles lead to").isSameAs(reached);
        reached.settled = new SettledHosts.Settled(Map.of(AFP, EXPOSED), Set.of(AFP), Map.of(AFP, DUE), DUE, before);
        assertThat(settled.of(reached)).as("settled in an older generation, written after the memo was cleared").isNull();

        settle("h", Map.of(AFP, EXPOSED), Set.of(AFP));
        assertThat(settled.of(reached)).isNotNull();
        settled.forget(List.of("h"));
        assertThat(hosts.of("h")).isNull();
        assertThat(settled.of(reached)).as("a forgotten host, still reached").isNull();
        assertThat(unchanged("h", Map.of(AFP, EXPOSED), Replaces.NOTHING, NOW)).isFalse();
    }

    private static Replaces scoped(String tcpPorts) {
        return new Replaces(true, new SnapshotScope(List.of(new PortSet(Transport.TCP, tcpPorts))));
    }

    private void settle(String hostId, Map<PortKey, List<Judgement>> judged, Set<PortKey> active) {
        settle(hostId, judged, active, DUE);
    }

    /** Settles the host as a reconciliation of {@code judged}'s ports, each due at {@code due}, would. */
    private void settle(String hostId, Map<PortKey, List<Judgement>> judged, Set<PortKey> active, Instant due) {
        Map<PortKey, Instant> dueByPort = new HashMap<>();
        judged.keySet().forEach(port -> dueByPort.put(port, due));
        settled.settle(settled.generation(), List.of(new Settlement(hostId, judged, active, dueByPort, due)));
    }

    private boolean unchanged(String hostId, Map<PortKey, List<Judgement>> judged, Replaces replaces, Instant observedAt) {
        return SettledHosts.unchanged(settled.of(hosts.of(hostId)), judged, replaces, observedAt);
    }
}
