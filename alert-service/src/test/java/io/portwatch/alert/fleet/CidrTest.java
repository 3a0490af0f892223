package io.portwatch.alert.fleet;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CIDRs of scopes: read canonically, host bits cleared, and nothing that is not one taken for one. */
class CidrTest {

    @Test
    void aCidrIsReadCanonicallyWithItsHostBitsCleared() {
        assertThat(Cidr.parse("10.1.2.3/8")).map(Cidr::toString).contains("10.0.0.0/8");
        assertThat(Cidr.parse("0:0:0:0:0:0:0:1/128")).map(Cidr::toString).contains("::1/128");
        assertThat(Cidr.parse("fd00::1/8")).map(Cidr::toString).contains("fd00::/8");
    }

    @Test
    void anythingElseIsNoCidr() {
        List<String> hostile = List.of("", "10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/+8",
                "example.org/8", "10.0.0.0/8/8", "fe80::1%eth0/64", "[::1]/128", "10.0.0.0/0008", "10.0.0.0/８",
                "1".repeat(100) + "/8");
        hostile.forEach(text -> assertThat(Cidr.parse(text)).as(text).isEmpty());
        assertThat(Cidr.parse(null)).isEmpty();
    }

    @Test
    void containsOnlyAddressesOfItsFamilyInsideIt() {
        Cidr loopback = Cidr.parse("127.0.0.0/8").orElseThrow();
        assertThat(loopback.contains("127.255.0.1")).isTrue();
        assertThat(loopback.contains("128.0.0.1")).isFalse();
        assertThat(loopback.contains("::1")).isFalse();
        assertThat(loopback.contains("localhost")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").orElseThrow().contains("::1")).isFalse();
    }

    @Test
    void enclosesOnlyNarrowerNetworksInsideIt() {
        Cidr allowed = Cidr.parse("10.0.0.0/8").orElseThrow();
        assertThat(allowed.encloses(Cidr.parse("10.20.0.0/16").orElseThrow())).isTrue();
        assertThat(allowed.encloses(allowed)).isTrue();
        assertThat(allowed.encloses(Cidr.parse("0.0.0.0/0").orElseThrow())).isFalse();
        assertThat(allowed.encloses(Cidr.parse("11.0.0.0/16").orElseThrow())).isFalse();
        assertThat(allowed.encloses(Cidr.parse("::/0").orElseThrow())).isFalse();
    }
}
