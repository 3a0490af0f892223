package io.portwatch.alert.listeners;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.Judgement;
import io.portwatch.alert.findings.SeenHost;
import io.portwatch.alert.rules.Verdict;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HostListenersTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final HostListeners hosts = new HostListeners();
    private final Listener wildcard = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
    private final Listener loopback = Fixtures.listener(AFP, "127.0.0.1", Exposure.LOOPBACK);

    @Test
    void aSnapshotReplacesAHostsListenersAndOpenedAndClosedChangeOne() {
        assertThat(hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", wildcard, loopback), 0, NOW)).containsExactly(AFP);
        hosts.apply(Fixtures.event(ListenerEventType.CLOSED, "h", loopback), 0, NOW);

        assertThat(hosts.on("h", AFP)).containsExactly(wildcard);
        assertThat(hosts.hostsOn(AFP)).extracting(host -> host.id()).containsExactly("h");
        assertThat(hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h"), 0, NOW)).as("the port it leaves out").containsExactly(AFP);
        assertThat(hosts.on("h", AFP)).isEmpty();
        assertThat(hosts.holds("h")).isTrue();
    }

    @Test
    void aSnapshotIsHeldAsListedUnlessTwoOfItsListenersShareASocket() {
        ListenerEvent both = Fixtures.event(ListenerEventType.SNAPSHOT, "h", wildcard, loopback);
        hosts.apply(both, 0, NOW);
        assertThat(hosts.holdsAsListed(both)).isTrue();
        ListenerEvent twice = Fixtures.event(ListenerEventType.SNAPSHOT, "h", wildcard, wildcard);
        hosts.apply(twice, 0, NOW);
        assertThat(hosts.holdsAsListed(twice)).as("one socket listed twice, held once").isFalse();
    }

    @Test
    void anOpenedOrClosedLeavesItsHostAloneOnlyAsItWasSeenAndAClosedOnlyWithNothingLeftOnItsPort() {
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", wildcard, loopback), 0, NOW);
        SeenHost seen = hosts.seen("h");
        ListenerEvent closed = Fixtures.event(ListenerEventType.CLOSED, "h", loopback);
        hosts.apply(closed, 0, NOW);
        assertThat(hosts.leftAlone(closed, seen)).as("the wildcard listener is left on 548").isFalse();
        ListenerEvent closedLast = Fixtures.event(ListenerEventType.CLOSED, "h", wildcard);
        hosts.apply(closedLast, 0, NOW);
        assertThat(hosts.leftAlone(closedLast, seen)).as("nothing left on 548").isTrue();
        ListenerEvent opened = Fixtures.event(ListenerEventType.OPENED, "h", wildcard);
        hosts.apply(opened, 0, NOW);
        assertThat(hosts.leftAlone(opened, seen)).isTrue();
        assertThat(hosts.leftAlone(opened, new SeenHost(Fixtures.host("h"), opened.probe()))).as("another host seen before").isFalse();
        assertThat(hosts.leftAlone(Fixtures.event(ListenerEventType.OPENED, "h", wildcard, loopback), seen)).as("two listeners").isFalse();
    }

    @Test
    void judgingGivesTheRulesTheHostAsFirstHeldAndItsListenersOnEachPort() {
        PortKey ssh = new PortKey(Transport.TCP, 22);
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", wildcard, loopback), 0, NOW);
        HostInfo first = rulesSaw("h", Set.of(AFP, ssh)).get(AFP).host();

        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", wildcard), 0, NOW);
        Map<PortKey, Judged> judged = rulesSaw("h", Set.of(AFP, ssh));

        assertThat(judged).containsOnlyKeys(AFP, ssh);
        assertThat(judged.get(AFP).host()).as("an equal host reported again: the one held").isSameAs(first).isEqualTo(Fixtures.host("h"));
        assertThat(judged.get(AFP).listeners()).containsExactly(wildcard);
        assertThat(judged.get(ssh).listeners()).as("a port without listeners").isEmpty();
    }

    @Test
    void aHostsJudgementsAreKeptWhileItIsHeldAndForgottenWithIt() {
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", wildcard), 1, NOW);
        List<Judgement> kept = judge("h");
        assertThat(judge("h")).as("kept while the host is held").isSameAs(kept);

        hosts.forget("h");
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", wildcard), 1, NOW);
        List<Judgement> afterForget = judge("h");
        assertThat(afterForget).as("forgotten with a refused host").isNotSameAs(kept);

        hosts.keepPartitions(Set.of(2));
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", wildcard), 1, NOW);
        List<Judgement> afterMove = judge("h");
        assertThat(afterMove).as("forgotten with a host whose partition moved").isNotSameAs(afterForget);

        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h"), 1, NOW);
        hosts.evictIdle(NOW.plus(Duration.ofHours(2)), Duration.ofHours(1));
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", wildcard), 1, NOW);
        assertThat(judge("h")).as("forgotten with an idle host").isNotSameAs(afterMove);
    }

    /** What the rules were given for each port judged: the host and the port's listeners. */
    private record Judged(HostInfo host, List<Listener> listeners) {
    }

    private Map<PortKey, Judged> rulesSaw(String hostId, Set<PortKey> ports) {
        Map<PortKey, Judged> saw = new HashMap<>();
        hosts.judge(hostId, ports, port -> Fixtures.knowledge(port, ServiceStatus.LEGACY, Risk.HIGH), (host, listeners, known) -> {
            saw.put(known.key(), new Judged(host, listeners));
            return List.of();
        });
        return saw;
    }

    /** The judgements of the host's AFP port, a new list each time the rules run. */
    private List<Judgement> judge(String hostId) {
        return hosts.judge(hostId, Set.of(AFP), port -> Fixtures.knowledge(port, ServiceStatus.LEGACY, Risk.HIGH),
                (host, listeners, known) -> List.of(new Judgement(new Verdict("r", Severity.HIGH, "t", "d"), listeners.get(0), known))).get(AFP);
    }

    @Test
    void aSnapshotOfTheListenersAHostHasLeavesThemAsTheyAreAndAnyOtherReplacesThem() {
        PortKey ssh = new PortKey(Transport.TCP, 22);
        Listener sshOpen = Fixtures.listener(ssh, "0.0.0.0", Exposure.ALL_INTERFACES);
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", wildcard, sshOpen), 0, NOW);
        hosts.apply(Fixtures.event(ListenerEventType.OPENED, "h", loopback), 0, NOW);

        Listener wildcardAgain = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
        Listener loopbackAgain = Fixtures.listener(AFP, "127.0.0.1", Exposure.LOOPBACK);
        Set<PortKey> touched = hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h",
                Fixtures.listener(ssh, "0.0.0.0", Exposure.ALL_INTERFACES), wildcardAgain, loopbackAgain), 0, NOW);
        assertThat(touched).containsExactlyInAnyOrder(AFP, ssh);
        assertThat(hosts.on("h", AFP)).as("as they were: not replaced").containsExactly(wildcard, loopback);
        assertThat(hosts.on("h", AFP).get(0)).isSameAs(wildcard);
        assertThat(hosts.hostsOn(AFP)).extracting(host -> host.id()).containsExactly("h");

        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", loopbackAgain, wildcardAgain, sshOpen), 0, NOW);
        assertThat(hosts.on("h", AFP)).as("another order on the port: the SNAPSHOT's").containsExactly(loopbackAgain, wildcardAgain);
        assertThat(hosts.on("h", AFP)).as("each the equal listener held: what was judged of it stands")
                .satisfiesExactly(first -> assertThat(first).isSameAs(loopback), second -> assertThat(second).isSameAs(wildcard));
        hosts.apply(Fixtures.event(ListenerEventType.OPENED, "h", Fixtures.listener(AFP, "127.0.0.1", Exposure.LOOPBACK)), 0, NOW);
        assertThat(hosts.on("h", AFP).get(0)).as("an OPENED of a listener held").isSameAs(loopback);

        Listener rapportd = Fixtures.owned(loopback, "rapportd");
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", rapportd, wildcard, sshOpen), 0, NOW);
        assertThat(hosts.on("h", AFP)).as("another owner").containsExactly(rapportd, wildcard);

        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", rapportd, wildcard, sshOpen, sshOpen), 0, NOW);
        assertThat(hosts.on("h", ssh)).as("a socket listed twice is one listener").containsExactly(sshOpen);
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", rapportd, wildcard), 0, NOW);
        assertThat(hosts.on("h", ssh)).as("left out").isEmpty();
        assertThat(hosts.hostsOn(ssh)).isEmpty();
    }

    @Test
    void aScopedSnapshotReplacesOnlyTheListenersOnThePortsItCovers() {
        PortKey ssh = new PortKey(Transport.TCP, 22);
        PortKey dns = new PortKey(Transport.UDP, 53);
        Listener sshOpen = Fixtures.listener(ssh, "10.1.2.3", Exposure.ALL_INTERFACES);
        Listener dnsOpen = Fixtures.listener(dns, "10.1.2.3", Exposure.ALL_INTERFACES);
        Listener afpOpen = Fixtures.listener(AFP, "10.1.2.3", Exposure.ALL_INTERFACES);
        hosts.apply(Fixtures.scan(NOW, "lab", "10.1.2.3", null, sshOpen, dnsOpen, afpOpen), 0, NOW);

        Set<PortKey> touched = hosts.apply(Fixtures.scan(NOW, "lab", "10.1.2.3", Fixtures.tcpScope("1-100"), sshOpen), 0, NOW);
        assertThat(touched).containsExactly(ssh);
        assertThat(hosts.on("10.1.2.3@lab", ssh)).containsExactly(sshOpen);
        assertThat(hosts.on("10.1.2.3@lab", AFP)).as("548 lies outside the scope").containsExactly(afpOpen);
        assertThat(hosts.on("10.1.2.3@lab", dns)).as("udp lies outside the scope").containsExactly(dnsOpen);

        touched = hosts.apply(Fixtures.scan(NOW, "lab", "10.1.2.3", Fixtures.tcpScope("22,548")), 0, NOW);
        assertThat(touched).containsExactlyInAnyOrder(ssh, AFP);
        assertThat(hosts.on("10.1.2.3@lab", ssh)).isEmpty();
        assertThat(hosts.on("10.1.2.3@lab", AFP)).isEmpty();
        assertThat(hosts.on("10.1.2.3@lab", dns)).containsExactly(dnsOpen);
    }

    @Test
    void aScopedSnapshotListingAListenerOutsideItsScopeInPlaceOfACoveredOneReplacesTheCoveredOne() {
        PortKey ssh = new PortKey(Transport.TCP, 22);
        Listener sshOpen = Fixtures.listener(ssh, "10.1.2.3", Exposure.ALL_INTERFACES);
        Listener afpOpen = Fixtures.listener(AFP, "10.1.2.3", Exposure.ALL_INTERFACES);
        hosts.apply(Fixtures.scan(NOW, "lab", "10.1.2.3", null, sshOpen, afpOpen), 0, NOW);

        hosts.apply(Fixtures.scan(NOW, "lab", "10.1.2.3", Fixtures.tcpScope("1-100"), afpOpen), 0, NOW);
        assertThat(hosts.on("10.1.2.3@lab", ssh)).as("22 is covered and left out").isEmpty();
        assertThat(hosts.on("10.1.2.3@lab", AFP)).containsExactly(afpOpen);
    }

    @Test
    void hostsOfPartitionsNoLongerHeldAreForgotten() {
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "stays", wildcard), 1, NOW);
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "leaves", wildcard), 2, NOW);
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "came-back", wildcard), 2, NOW);
        hosts.apply(Fixtures.event(ListenerEventType.OPENED, "came-back", loopback), 1, NOW);

        assertThat(hosts.keepPartitions(Set.of(1, 3))).containsExactly("leaves");

        assertThat(hosts.holds("stays")).isTrue();
        assertThat(hosts.holds("leaves")).isFalse();
        assertThat(hosts.on("leaves", AFP)).isEmpty();
        assertThat(hosts.on("came-back", AFP)).as("its last event came from a partition still held").containsExactly(wildcard, loopback);
    }

    @Test
    void twoSocketsOnOneAddressAndPortAreTwoListeners() {
        Listener rapportd = Fixtures.socket(Fixtures.owned(loopback, "rapportd"), 1001);
        Listener hijacker = Fixtures.socket(Fixtures.ownedBy(loopback, "python3", "/usr/bin/python3.11"), 1002);

        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", rapportd, hijacker), 0, NOW);
        assertThat(hosts.on("h", AFP)).containsExactly(rapportd, hijacker);

        hosts.apply(Fixtures.event(ListenerEventType.CLOSED, "h", hijacker), 0, NOW);
        assertThat(hosts.on("h", AFP)).containsExactly(rapportd);
    }

    @Test
    void aPortIndexFindsHostsWithoutScanningListeners() {
        PortKey ssh = new PortKey(Transport.TCP, 22);
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "a", wildcard, Fixtures.listener(ssh, "0.0.0.0", Exposure.ALL_INTERFACES)), 0, NOW);
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "b", loopback), 0, NOW);

        assertThat(hosts.hostsOn(AFP)).extracting(host -> host.id()).containsExactlyInAnyOrder("a", "b");
        assertThat(hosts.hostsOn(ssh)).extracting(host -> host.id()).containsExactly("a");

        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "a", wildcard), 0, NOW);
        assertThat(hosts.hostsOn(ssh)).isEmpty();
    }

    @Test
    void hostsWithoutListenersAreEvictedAfterTheIdleTime() {
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "quiet"), 0, NOW);
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "busy", wildcard), 0, NOW);

        assertThat(hosts.evictIdle(NOW.plus(Duration.ofMinutes(59)), Duration.ofHours(1))).isEmpty();
        assertThat(hosts.evictIdle(NOW.plus(Duration.ofHours(1)), Duration.ofHours(1))).containsExactly("quiet");
        assertThat(hosts.holds("quiet")).isFalse();
        assertThat(hosts.holds("busy")).isTrue();
    }
}
