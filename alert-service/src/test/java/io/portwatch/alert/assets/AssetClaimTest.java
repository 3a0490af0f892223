package io.portwatch.alert.assets;

import io.portwatch.alert.Fixtures;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AssetClaimTest {

    @Test
    void aNodeClaimsItsAddressesThatNameAMachineInItsProbesZone() {
        ListenerEvent event = Fixtures.nodeSnapshot("node-a", "lab", List.of("10.1.2.3", "127.0.0.1", "127.8.8.8", "::1", "fe80::1",
                "169.254.0.7", "0.0.0.0", "::", "224.0.0.251", "2001:db8::7", "10.1.2.3"));

        assertThat(AssetClaim.of(event)).contains(new AssetClaim("node-a", "node-a", "lab", Set.of("10.1.2.3", "2001:db8::7")));
    }

    @Test
    void onlyAHostModeProbesNodeOrAHostUnderItInAZoneClaims() {
        assertThat(AssetClaim.of(event(ProbeMode.NETWORK, "lab", new HostInfo("node-a", "a", List.of("10.1.2.3"))))).isEmpty();
        assertThat(AssetClaim.of(event(ProbeMode.HOST, "lab", new HostInfo("node-a/netns/blue", "a", List.of("10.1.2.3"), "node-a"))))
                .as("a namespace claims for its node").contains(new AssetClaim("node-a/netns/blue", "node-a", "lab", Set.of("10.1.2.3")));
        assertThat(AssetClaim.of(event(ProbeMode.HOST, null, new HostInfo("node-a", "a", List.of("10.1.2.3"))))).as("no zone").isEmpty();
        assertThat(AssetClaim.of(event(ProbeMode.HOST, "lab", new HostInfo("10.1.2.3@lab", "a", List.of("10.1.2.3")))))
                .as("not a node's id").isEmpty();
    }

    @Test
    void aNetworkHostIdNamesItsAddressAndZoneAndNothingElseDoes() {
        assertThat(NetworkAddress.of("10.1.2.3@lab")).contains(new NetworkAddress("lab", "10.1.2.3"));
        assertThat(NetworkAddress.of("::1@lab")).contains(new NetworkAddress("lab", "::1"));
        assertThat(NetworkAddress.of("0:0:0:0:0:0:0:1@lab")).as("not canonical").isEmpty();
        assertThat(NetworkAddress.of("node-a")).isEmpty();
        assertThat(NetworkAddress.of("node-a/10.1.2.3@lab")).isEmpty();
        assertThat(NetworkAddress.of("10.1.2.3@")).isEmpty();
        assertThat(NetworkAddress.of("@lab")).isEmpty();
    }

    private static ListenerEvent event(ProbeMode mode, String zone, HostInfo host) {
        return new ListenerEvent("e", ListenerEventType.SNAPSHOT, Instant.now(), new ProbeInfo("p", zone, mode), host, List.of());
    }
}
