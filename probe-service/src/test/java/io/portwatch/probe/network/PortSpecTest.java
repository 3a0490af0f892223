package io.portwatch.probe.network;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortSpecTest {

    @Test
    void parsesPortsAndRangesSortedWithoutDuplicates() {
        assertThat(PortSpec.parse("3283,311, 3031,300-302,311")).containsExactly(300, 301, 302, 311, 3031, 3283);
        assertThat(PortSpec.parse("1-65535")).hasSize(65535);
    }

    @Test
    void refusesWhatIsNotAPortList() {
        assertThatThrownBy(() -> PortSpec.parse("0")).hasMessageContaining("not a port 1-65535");
        assertThatThrownBy(() -> PortSpec.parse("65536")).hasMessageContaining("not a port 1-65535");
        assertThatThrownBy(() -> PortSpec.parse("20-10")).hasMessageContaining("runs backwards");
        assertThatThrownBy(() -> PortSpec.parse("1-2-3")).hasMessageContaining("not a port or range");
        assertThatThrownBy(() -> PortSpec.parse("http")).hasMessageContaining("not a port 1-65535");
        assertThatThrownBy(() -> PortSpec.parse(" ")).hasMessageContaining("no ports given");
    }
}
