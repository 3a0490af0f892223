package io.portwatch.probe.publish;

import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.PortSet;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.events.listener.SnapshotScope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.portwatch.probe.publish.ListenerEventPublisher.supersedes;
import static org.assertj.core.api.Assertions.assertThat;

/** Which waiting events a new SNAPSHOT makes obsolete: a scoped one only those of its host inside its scope. */
class SnapshotSupersedesTest {

    private static final ProbeInfo PROBE = new ProbeInfo("p-1", "lab", ProbeMode.NETWORK);
    private static final HostInfo HOST = new HostInfo("127.0.0.5@lab", "127.0.0.5", List.of("127.0.0.5"));
    private static final HostInfo OTHER = new HostInfo("127.0.0.6@lab", "127.0.0.6", List.of("127.0.0.6"));
    private static final SnapshotScope TCP_3000S = new SnapshotScope(List.of(new PortSet(Transport.TCP, "3000-3100")));
    private static final SnapshotScope UDP_3283 = new SnapshotScope(List.of(new PortSet(Transport.UDP, "3283")));

    @Test
    void aSnapshotWithoutScopeSupersedesEveryWaitingEventOfItsHostOnly() {
        ListenerEvent whole = snapshot(HOST, null);

        assertThat(supersedes(whole, delta(HOST, Transport.UDP, 53))).isTrue();
        assertThat(supersedes(whole, snapshot(HOST, TCP_3000S))).isTrue();
        assertThat(supersedes(whole, delta(OTHER, Transport.TCP, 3031))).isFalse();
    }

    @Test
    void aScopedSnapshotSupersedesOnlyWhatItsScopeCovers() {
        ListenerEvent scoped = snapshot(HOST, TCP_3000S);

        assertThat(supersedes(scoped, delta(HOST, Transport.TCP, 3031))).isTrue();
        assertThat(supersedes(scoped, snapshot(HOST, TCP_3000S))).isTrue();
        assertThat(supersedes(scoped, delta(HOST, Transport.UDP, 3031))).as("another transport").isFalse();
        assertThat(supersedes(scoped, delta(HOST, Transport.TCP, 22))).as("a port outside the scope").isFalse();
        assertThat(supersedes(scoped, snapshot(HOST, UDP_3283))).as("the other part of a split scan").isFalse();
        assertThat(supersedes(scoped, snapshot(HOST, null))).as("a whole SNAPSHOT says more").isFalse();
        assertThat(supersedes(scoped, delta(OTHER, Transport.TCP, 3031))).isFalse();
    }

    private static ListenerEvent snapshot(HostInfo host, SnapshotScope scope) {
        return new ListenerEvent("e-" + host.id(), ListenerEventType.SNAPSHOT, Instant.now(), PROBE, host, List.of(), scope);
    }

    private static ListenerEvent delta(HostInfo host, Transport transport, int port) {
        return new ListenerEvent("e-" + port, ListenerEventType.OPENED, Instant.now(), PROBE, host,
                List.of(new Listener(transport, host.name(), port, 4, Exposure.REACHABLE, null, null)));
    }
}
