package io.portwatch.events.knowledge;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

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
    void unknownTransportNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> Transport.parse("icmp")).hasMessageContaining("tcp, udp, sctp, dccp");
    }
}
