package io.portwatch.events.listener;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostIdsTest {

    @Test
    void aNetworkHostIsItsCanonicalAddressInItsZone() {
        assertThat(HostIds.network("office-lan", "0:0:0:0:0:0:0:1")).isEqualTo("::1@office-lan");
        assertThat(HostIds.network("lab", "10.0.0.5")).isEqualTo("10.0.0.5@lab");
        assertThatThrownBy(() -> HostIds.network("lab", "example.com")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNodeSpeaksForItselfAndTheHostsUnderIt() {
        assertThat(HostIds.underNode("node-a", "node-a")).isTrue();
        assertThat(HostIds.underNode("node-a", "node-a/netns/blue")).isTrue();
        assertThat(HostIds.underNode("node-a", "node-ab")).isFalse();
        assertThat(HostIds.underNode("node-a", "node-a/")).isFalse();
        assertThat(HostIds.underNode("node-a", "node-b/netns/blue")).isFalse();
        assertThat(HostIds.underNode("node-a", "10.0.0.5@lab")).isFalse();
        assertThat(HostIds.underNode("a/b", "a/b/c")).isFalse();
    }

    @Test
    void nodeNamesHoldNeitherSlashNorAt() {
        assertThat(HostIds.validNode("mac-build-7")).isTrue();
        assertThat(HostIds.validNode("a/b")).isFalse();
        assertThat(HostIds.validNode("10.0.0.5@lab")).isFalse();
        assertThat(HostIds.validNode(" ")).isFalse();
    }

    @Test
    void theNodeOfAHost() {
        assertThat(HostIds.nodeOf("node-a/pod/x@y")).isEqualTo("node-a");
        assertThat(HostIds.nodeOf("node-a")).isEqualTo("node-a");
        assertThat(HostIds.nodeOf("10.0.0.5@lab")).isNull();
    }
}
