package io.portwatch.events.finding;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FindingIdsProbeTest {

    @Test
    void aProbeFindingIdIsStableAndApartFromListenerFindings() {
        assertThat(FindingIds.ofProbe("p-1", "probe-silent")).isEqualTo(FindingIds.ofProbe("p-1", "probe-silent"))
                .hasSize(32)
                .isNotEqualTo(FindingIds.ofProbe("p-2", "probe-silent"))
                .isNotEqualTo(FindingIds.ofProbe("p-1", "probe-impersonation"))
                .isNotEqualTo(FindingIds.of("p-1", new PortKey(Transport.TCP, 0), "probe-silent"));
    }
}
