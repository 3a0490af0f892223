package io.portwatch.events.knowledge;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortRangeTest {

    @ParameterizedTest
    @CsvSource({"0,SYSTEM", "311,SYSTEM", "1023,SYSTEM", "1024,REGISTERED", "3031,REGISTERED", "49151,REGISTERED",
            "49152,DYNAMIC", "65535,DYNAMIC"})
    void classifiesEveryBoundary(int port, PortRange range) {
        assertThat(PortRange.of(port)).isEqualTo(range);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65_536, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void refusesPortsOutsideTheRange(int port) {
        assertThatThrownBy(() -> PortRange.of(port)).hasMessageContaining("outside 0-65535");
    }
}
