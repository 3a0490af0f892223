package io.portwatch.events.listener;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
            "0:0:0:0:0:0:0:1, ::1",
            "0:0:0:0:0:0:0:0, ::",
            "2001:DB8:0:0:0:0:2:1, 2001:db8::2:1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
            "::ffff:192.0.2.1, 192.0.2.1",
            "127.0.0.1, 127.0.0.1"})
    void writesRfc5952(String literal, String canonical) {
        assertThat(Addresses.canonical(literal)).contains(canonical);
        assertThat(Addresses.isCanonical(canonical)).isTrue();
    }

    @Test
    void javasDefaultFormIsNotCanonical() throws Exception {
        String javas = InetAddress.getByName("::1").getHostAddress();

        assertThat(javas).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(Addresses.isCanonical(javas)).isFalse();
        assertThat(Addresses.canonical(InetAddress.getByName("::1"))).isEqualTo("::1");
    }

    @Test
    void aScopeIdIsNotPartOfTheCanonicalForm() throws Exception {
        InetAddress scoped = java.net.Inet6Address.getByAddress(null, InetAddress.getByName("fe80::1").getAddress(), 2);

        assertThat(Addresses.canonical(scoped)).isEqualTo("fe80::1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "[::1]", "fe80::1%eth0", "1.2.3", "999.1.1.1", "", " 127.0.0.1"})
    void namesAndBrokenLiteralsAreNoAddresses(String text) {
        assertThat(Addresses.canonical(text)).isEmpty();
        assertThat(Addresses.isCanonical(text)).isFalse();
    }
}
