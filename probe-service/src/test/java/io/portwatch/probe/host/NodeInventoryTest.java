package io.portwatch.probe.host;

import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NodeInventoryTest {

    private static final HostInfo NODE = new HostInfo("node-1", "node-1", List.of());
    private static final HostInfo CONTAINER = new HostInfo("node-1/container/abc", "container abc on node-1", List.of(), "node-1");
    private static final Listener SSH = new Listener(Transport.TCP, "0.0.0.0", 22, 4, Exposures.ofBoundAddress("0.0.0.0"), null, null);
    private static final Listener HTTP = new Listener(Transport.TCP, "0.0.0.0", 80, 4, Exposures.ofBoundAddress("0.0.0.0"), null, null);

    private final NodeInventory inventory = new NodeInventory();

    @Test
    void theSameEndpointInTwoNamespacesIsTwoListeners() {
        List<NodeInventory.HostChanges> changes = inventory.update(List.of(new NamespaceScan(NODE, List.of(HTTP)), new NamespaceScan(CONTAINER, List.of(HTTP))));

        assertThat(changes).extracting(change -> change.host().id()).containsExactly("node-1", "node-1/container/abc");
        assertThat(changes).allSatisfy(change -> assertThat(change.changes().opened()).containsExactly(HTTP));
        assertThat(inventory.listeners()).hasSize(2);
    }

    @Test
    void aHostThatDisappearsClosesItsListenersAndIsGone() {
        inventory.update(List.of(new NamespaceScan(NODE, List.of(SSH)), new NamespaceScan(CONTAINER, List.of(HTTP))));

        List<NodeInventory.HostChanges> changes = inventory.update(List.of(new NamespaceScan(NODE, List.of(SSH))));

        assertThat(changes).containsExactly(new NodeInventory.HostChanges(CONTAINER, new ListenerInventory.Changes(List.of(), List.of(HTTP)), true));
        assertThat(inventory.current()).containsExactly(new NamespaceScan(NODE, List.of(SSH)));
    }

    @Test
    void hostsWithoutChangesAreNotReported() {
        inventory.update(List.of(new NamespaceScan(NODE, List.of(SSH))));

        assertThat(inventory.update(List.of(new NamespaceScan(NODE, List.of(SSH))))).isEmpty();
    }
}
