package io.portwatch.probe.host;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** cat's output of several socket tables, told apart by their header lines. */
class NsenterTablesTest {

    private static final String TCP = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
            + "   0: 00000000:0BD7 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 91234 1 0 100 0 0 10 0\n";
    private static final String UDP = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n";

    @Test
    void eachTableGetsItsOwnText() throws IOException {
        assertThat(NsenterTables.split(TCP + UDP, List.of("tcp", "udp"))).containsExactly(
                java.util.Map.entry("tcp", TCP), java.util.Map.entry("udp", UDP));
    }

    @Test
    void fewerTablesThanAskedForIsAFailure() {
        assertThatThrownBy(() -> NsenterTables.split(TCP, List.of("tcp", "udp"))).isInstanceOf(IOException.class);
    }
}
