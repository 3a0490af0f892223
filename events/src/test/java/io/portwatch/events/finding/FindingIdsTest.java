package io.portwatch.events.finding;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FindingIdsTest {

    private static final PortKey EPPC = new PortKey(Transport.TCP, 3031);

    @Test
    void sameInputsGiveTheSameId() {
        assertThat(FindingIds.of("mac-01", EPPC, "legacy-service-exposed"))
                .isEqualTo(FindingIds.of("mac-01", EPPC, "legacy-service-exposed"))
                .matches("[0-9a-f]{32}");
    }

    @Test
    void eachInputChangesTheId() {
        String id = FindingIds.of("mac-01", EPPC, "legacy-service-exposed");
        assertThat(FindingIds.of("mac-02", EPPC, "legacy-service-exposed")).isNotEqualTo(id);
        assertThat(FindingIds.of("mac-01", new PortKey(Transport.UDP, 3031), "legacy-service-exposed")).isNotEqualTo(id);
        assertThat(FindingIds.of("mac-01", new PortKey(Transport.TCP, 3032), "legacy-service-exposed")).isNotEqualTo(id);
        assertThat(FindingIds.of("mac-01", EPPC, "unexpected-process")).isNotEqualTo(id);
    }

    @Test
    void fieldsCannotRunIntoEachOther() {
        assertThat(FindingIds.of("host1", new PortKey(Transport.TCP, 23), "r"))
                .isNotEqualTo(FindingIds.of("host12", new PortKey(Transport.TCP, 3), "r"));
    }
}
