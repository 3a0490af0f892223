package io.portwatch.events.knowledge;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortKeyTest {

    @Test
    void printsAsTransportSlashPort() {
        assertThat(new PortKey(Transport.UDP, 3283)).hasToString("udp/3283");
    }

    @ParameterizedTest
    @CsvSource({"tcp/3283,TCP,3283", "UDP/0,UDP,0", "sctp/65535,SCTP,65535", "dccp/311,DCCP,311"})
    void parsesItsPrintedForm(String text, Transport transport, int port) {
        assertThat(PortKey.parse(text)).isEqualTo(new PortKey(transport, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3283", "tcp/", "tcp/abc", "tcp/65536", "tcp/-1", "icmp/7", "/80"})
    void refusesWhatIsNotAPortKey(String text) {
        assertThatThrownBy(() -> PortKey.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofHandsOutOneInstancePerTransportAndPortEqualToAConstructedOne() {
        PortKey eppc = PortKey.of(Transport.TCP, 3031);

        assertThat(PortKey.of(Transport.TCP, 3031)).isSameAs(eppc).isEqualTo(new PortKey(Transport.TCP, 3031));
        assertThat(new PortKey(Transport.TCP, 3031)).isEqualTo(eppc).hasSameHashCodeAs(eppc);
        assertThat(PortKey.parse("tcp/3031")).isSameAs(eppc);
        assertThat(PortKey.of(Transport.UDP, 3031)).isNotEqualTo(eppc);
        assertThat(PortKey.of(Transport.TCP, 3032)).isNotEqualTo(eppc);
        assertThat(PortKey.of(Transport.DCCP, 65_535)).isEqualTo(new PortKey(Transport.DCCP, 65_535));
    }

    @Test
    void equalKeysHashAlikeAndEveryTransportAndPortHashesApart() {
        Set<Integer> hashes = new HashSet<>();
        for (Transport transport : Transport.values()) {
            for (int port = 0; port <= 65_535; port++) {
                PortKey key = new PortKey(transport, port);
                assertThat(hashes.add(key.hashCode())).as("%s/%d", transport, port).isTrue();
                assertThat(PortKey.of(transport, port).hashCode()).as("%s/%d", transport, port).isEqualTo(key.hashCode());
            }
        }
    }

    @Test
    void ofRefusesWhatTheConstructorRefuses() {
        // The last transport's: past it lies no other key's slot, which would hide a missing check.
        assertThatThrownBy(() -> PortKey.of(Transport.DCCP, 65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortKey.of(Transport.TCP, 65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortKey.of(Transport.TCP, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortKey.of(null, 22)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void unknownTransportNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> Transport.parse("icmp")).hasMessageContaining("tcp, udp, sctp, dccp");
    }
}
