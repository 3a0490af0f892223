package io.portwatch.events.listener;

import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.json.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotScopeTest {

    private static final SnapshotScope SCANNED = new SnapshotScope(List.of(
            new PortSet(Transport.TCP, "22, 311,3000-3100"), new PortSet(Transport.UDP, "3283")));

    @Test
    void coversTheScannedPortsOfEachTransportOnly() {
        assertThat(SCANNED.covers(Transport.TCP, 311)).isTrue();
        assertThat(SCANNED.covers(Transport.TCP, 3031)).isTrue();
        assertThat(SCANNED.covers(Transport.TCP, 3283)).isFalse();
        assertThat(SCANNED.covers(Transport.UDP, 3283)).isTrue();
        assertThat(SCANNED.covers(Transport.UDP, 311)).isFalse();
    }

    @Test
    void anUnscopedSnapshotCoversEveryPortAndOnlyASnapshotHasAScope() {
        ProbeInfo probe = new ProbeInfo("p", "lab", ProbeMode.NETWORK);
        HostInfo host = new HostInfo("::1@lab", "::1", List.of("::1"));
        ListenerEvent whole = new ListenerEvent("e", ListenerEventType.SNAPSHOT, Instant.EPOCH, probe, host, List.of());
        ListenerEvent scoped = new ListenerEvent("e", ListenerEventType.SNAPSHOT, Instant.EPOCH, probe, host, List.of(), SCANNED);
        Listener listener = new Listener(Transport.TCP, "::1", 22, 6, Exposure.REACHABLE, null, null);

        assertThat(whole.covers(Transport.TCP, 9)).isTrue();
        assertThat(scoped.covers(Transport.TCP, 9)).isFalse();
        assertThat(EventJson.fromBytes(EventJson.toBytes(scoped), ListenerEvent.class)).isEqualTo(scoped);
        assertThatThrownBy(() -> new ListenerEvent("e", ListenerEventType.OPENED, Instant.EPOCH, probe, host, List.of(listener), SCANNED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1-", "-1", "65536", "3-1", "1-2-3", "a", "1,,2", "123456"})
    void brokenPortTextsAreRefused(String ports) {
        assertThatThrownBy(() -> new PortSet(Transport.TCP, ports)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aScopeHasOneToEightSets() {
        PortSet set = new PortSet(Transport.TCP, "1");
        assertThatThrownBy(() -> new SnapshotScope(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SnapshotScope(Collections.nCopies(9, set))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortSet(Transport.TCP, "1,".repeat(3000) + "1")).isInstanceOf(IllegalArgumentException.class);
    }
}
