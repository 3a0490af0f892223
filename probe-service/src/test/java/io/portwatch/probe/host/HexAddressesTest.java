package io.portwatch.probe.host;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HexAddressesTest {

    @ParameterizedTest
    @CsvSource({
            "0100007F,4,127.0.0.1",
            "00000000,4,0.0.0.0",
            "016433C6,4,198.51.100.1",
            "00000000000000000000000001000000,6,::1",
            "00000000000000000000000000000000,6,::",
            "0000000000000000FFFF00000100007F,6,127.0.0.1",
            "B80D0120000000000000000010000000,6,2001:db8::10",
            "000080FE000000000000000001000000,6,fe80::1",
            "B80D0120010000000000000000000000,6,2001:db8:0:1::",
            "B80D0120000001000000000001000000,6,2001:db8:1::1",
            "B80D0120000000000000010001000000,6,2001:db8::1:0:0:1"})
    void decodesAsRfc5952Text(String hex, int ipVersion, String text) {
        assertThat(HexAddresses.decode(hex, ipVersion)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0100007", "0100007G", "0100007F00"})
    void refusesWhatIsNotAnIpv4Word(String hex) {
        assertThatThrownBy(() -> HexAddresses.decode(hex, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
