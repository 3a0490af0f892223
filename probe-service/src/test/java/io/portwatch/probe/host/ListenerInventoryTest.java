package io.portwatch.probe.host;

import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerInventoryTest {

    private static final Listener EPPC = listener(Transport.TCP, "127.0.0.1", 3031);
    private static final Listener ARMS = listener(Transport.UDP, "0.0.0.0", 3283);
    private static final Listener EPPC_V6 = listener(Transport.TCP, "::1", 3031);

    private final ListenerInventory inventory = new ListenerInventory();

    @Test
    void firstScanOpensEverything() {
        ListenerInventory.Changes changes = inventory.update(List.of(EPPC, ARMS));

        assertThat(changes.opened()).containsExactly(EPPC, ARMS);
        assertThat(changes.closed()).isEmpty();
    }

    @Test
    void aListenerMissingFromTheNextScanIsClosed() {
        inventory.update(List.of(EPPC, ARMS));

        ListenerInventory.Changes changes = inventory.update(List.of(ARMS));

        assertThat(changes.opened()).isEmpty();
        assertThat(changes.closed()).containsExactly(EPPC);
        assertThat(inventory.current()).containsExactly(ARMS);
    }

    @Test
    void sameListenerOnAnotherAddressIsAnotherListener() {
        inventory.update(List.of(EPPC));

        ListenerInventory.Changes changes = inventory.update(List.of(EPPC, EPPC_V6));

        assertThat(changes.opened()).containsExactly(EPPC_V6);
    }

    @Test
    void unchangedScanChangesNothing() {
        inventory.update(List.of(EPPC, ARMS));

        ListenerInventory.Changes changes = inventory.update(List.of(ARMS, EPPC));

        assertThat(changes.opened()).isEmpty();
        assertThat(changes.closed()).isEmpty();
    }

    @Test
    void twoSocketsOnOneAddressAndPortAreTwoListenersEachClosingOnItsOwn() {
        Listener first = socket(1001);
        Listener second = socket(1002);

        assertThat(inventory.update(List.of(first, second)).opened()).containsExactly(first, second);

        ListenerInventory.Changes changes = inventory.update(List.of(second));

        assertThat(changes.closed()).containsExactly(first);
        assertThat(inventory.current()).containsExactly(second);
    }

    private static Listener socket(long inode) {
        return new Listener(Transport.TCP, "127.0.0.1", 3031, 4, Exposures.ofBoundAddress("127.0.0.1"), null, null, null, null, inode, List.of());
    }

    private static Listener listener(Transport transport, String address, int port) {
        return new Listener(transport, address, port, address.contains(":") ? 6 : 4, Exposures.ofBoundAddress(address), null, null);
    }
}
