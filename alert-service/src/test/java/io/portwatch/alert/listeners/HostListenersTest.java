package io.portwatch.alert.listeners;

import io.portwatch.alert.Fixtures;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEventType;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HostListenersTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);

    private final HostListeners hosts = new HostListeners();
    private final Listener wildcard = Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES);
    private final Listener loopback = Fixtures.listener(AFP, "127.0.0.1", Exposure.LOOPBACK);

    @Test
    void aSnapshotReplacesAHostsListenersAndOpenedAndClosedChangeOne() {
        assertThat(hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h", wildcard, loopback), 0)).containsExactly(AFP);
        hosts.apply(Fixtures.event(ListenerEventType.CLOSED, "h", loopback), 0);

        assertThat(hosts.on("h", AFP)).containsExactly(wildcard);
        assertThat(hosts.hostsOn(AFP)).extracting(host -> host.id()).containsExactly("h");
        assertThat(hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "h"), 0)).as("the port it leaves out").containsExactly(AFP);
        assertThat(hosts.on("h", AFP)).isEmpty();
        assertThat(hosts.holds("h")).isTrue();
    }

    @Test
    void hostsOfPartitionsNoLongerHeldAreForgotten() {
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "stays", wildcard), 1);
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "leaves", wildcard), 2);
        hosts.apply(Fixtures.event(ListenerEventType.SNAPSHOT, "came-back", wildcard), 2);
        hosts.apply(Fixtures.event(ListenerEventType.OPENED, "came-back", loopback), 1);

        hosts.keepPartitions(Set.of(1, 3));

        assertThat(hosts.holds("stays")).isTrue();
        assertThat(hosts.holds("leaves")).isFalse();
        assertThat(hosts.on("leaves", AFP)).isEmpty();
        assertThat(hosts.on("came-back", AFP)).as("its last event came from a partition still held").containsExactly(wildcard, loopback);
    }
}
