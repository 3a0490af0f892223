package io.portwatch.probe.publish;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotLimitTest {

    private static final HostInfo HOST = new HostInfo("node-1", "node-1", List.of());

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SnapshotLimit limit = new SnapshotLimit(3, registry);

    @Test
    void aSnapshotWithinTheLimitIsUnchanged() {
        List<Listener> listeners = List.of(tcp(443, 1), tcp(22, 2));

        assertThat(limit.apply(HOST, listeners)).isSameAs(listeners);
        assertThat(leftOut()).isZero();
    }

    @Test
    void aLargerSnapshotCarriesTheFirstByPortThenInodeAndCountsTheRest() {
        List<Listener> listeners = List.of(tcp(8080, 5), tcp(3031, 9), tcp(22, 1), tcp(3031, 4), tcp(65000, 2));

        assertThat(limit.apply(HOST, listeners)).containsExactly(tcp(22, 1), tcp(3031, 4), tcp(3031, 9));
        assertThat(leftOut()).isEqualTo(2);
    }

    @Test
    void theOrderDoesNotDependOnTheScansOrder() {
        List<Listener> listeners = List.of(tcp(8080, 5), tcp(3031, 9), tcp(22, 1), tcp(3031, 4));
        List<Listener> reversed = new ArrayList<>(listeners);
        Collections.reverse(reversed);

        assertThat(limit.apply(HOST, listeners)).isEqualTo(limit.apply(HOST, reversed));
    }

    private double leftOut() {
        return registry.get("portwatch.probe.listener.snapshot.left.out").counter().count();
    }

    private static Listener tcp(int port, long inode) {
        return new Listener(Transport.TCP, "0.0.0.0", port, 4, Exposure.ALL_INTERFACES, null, null, null, null, inode, List.of());
    }
}
