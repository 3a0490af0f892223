package io.portwatch.probe.host;

import io.portwatch.events.listener.Exposure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ExposuresTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1,LOOPBACK", "127.0.0.53,LOOPBACK", "::1,LOOPBACK",             "0.0.0.0,ALL_INTERFACES", "::,ALL_INTERFACES", "192.0.2.10,SPECIFIC", "2001:db8::10,SPECIFIC"})
    void judgesExposureFromTheBoundAddress(String address, Exposure exposure) {
        assertThat(Exposures.ofBoundAddress(address)).isEqualTo(exposure);
    }
}
