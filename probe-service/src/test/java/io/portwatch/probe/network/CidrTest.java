package io.portwatch.probe.network;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

    @Test
    void parsesNetworksAndBareAddresses() throws Exception {
        Cidr loopback = Cidr.parse("127.0.0.0/8");
        assertThat(loopback.contains(InetAddress.getByName("127.1.2.3"))).isTrue();
        assertThat(loopback.contains(InetAddress.getByName("128.0.0.1"))).isFalse();
        assertThat(Cidr.parse("127.0.0.9").toString()).isEqualTo("127.0.0.9/32");
        assertThat(Cidr.parse("::1").toString()).as("RFC 5952").isEqualTo("::1/128");
        assertThat(Cidr.parse("2001:DB8:0:0:0:0:0:0/32").toString()).isEqualTo("2001:db8::/32");
        assertThat(Cidr.parse("127.0.0.77/30").toString()).as("host bits are masked").isEqualTo("127.0.0.76/30");
    }

    @Test
    void containsWholeNetworksOnly() {
        Cidr loopback = Cidr.parse("127.0.0.0/8");
        assertThat(loopback.contains(Cidr.parse("127.0.0.0/24"))).isTrue();
        assertThat(loopback.contains(Cidr.parse("127.0.0.0/7"))).as("wider than the scope").isFalse();
        assertThat(loopback.contains(Cidr.parse("::1"))).as("other family").isFalse();
        assertThat(Cidr.parse("::1/128").contains(Cidr.parse("::1"))).isTrue();
    }

    @Test
    void listsItsAddresses() {
        assertThat(Cidr.parse("127.0.0.4/30").addresses()).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7");
        assertThat(Cidr.parse("198.0.0.0/8").size().longValue()).isEqualTo(16_777_216L);
    }

    @Test
    void refusesNamesAndBadPrefixes() {
        assertThatThrownBy(() -> Cidr.parse("example.org")).hasMessageContaining("not an address or CIDR");
        assertThatThrownBy(() -> Cidr.parse("cafe")).as("a name of hex letters: no DNS lookup").hasMessageContaining("not an address or CIDR");
        assertThatThrownBy(() -> Cidr.parse("1")).as("shorthand InetAddress would read as 0.0.0.1").hasMessageContaining("not an address");
        assertThatThrownBy(() -> Cidr.parse("1e3")).hasMessageContaining("not an address or CIDR");
        assertThatThrownBy(() -> Cidr.parse("127.0.0.256")).as("not an address: a name to look up").hasMessageContaining("not an address");
        assertThatThrownBy(() -> Cidr.parse("127.0.0.1/33")).hasMessageContaining("must be 0 to 32");
        assertThatThrownBy(() -> Cidr.parse("127.0.0.1/x")).hasMessageContaining("not a prefix length");
        assertThatThrownBy(() -> Cidr.parse("")).hasMessageContaining("not an address or CIDR");
    }
}
