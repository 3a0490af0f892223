package io.portwatch.events.contract;

import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.listener.HostInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FindingEventContractTest {

    private static final Instant SEEN = Instant.parse("2026-12-01T03:00:00Z");

    @Test
    void acceptsAFleetFindingWithoutListener() {
        assertThat(FindingEventContract.violation(finding("f-1", new HostInfo("node-a", "node-a", List.of(), null), 0))).isEmpty();
    }

    @Test
    void refusesNullMissingIdsAndNegativeVersions() {
        assertThat(FindingEventContract.violation(null)).hasValue("the value is JSON null, not a FindingEvent");
        assertThat(FindingEventContract.violation(finding(" ", new HostInfo("node-a", null, List.of(), null), 0)))
                .hasValue("findingId is missing or blank");
        assertThat(FindingEventContract.violation(finding("f-1", null, 0))).hasValue("host is missing");
        assertThat(FindingEventContract.violation(finding("f-1", new HostInfo("node-a", null, List.of(), null), -1)))
                .hasValue("version -1 is negative");
    }

    @Test
    void refusesControlCharactersAndOverlongNames() {
        assertThat(FindingEventContract.violation(finding("f-1", new HostInfo("node-a", "a\u001b]8;;x\u0007", List.of(), null), 0)))
                .hasValue("host.name holds a control character");
        assertThat(FindingEventContract.violation(finding("f-1", new HostInfo("h".repeat(ContractLimits.NAME + 1), null, List.of(), null), 0)))
                .hasValue("host.id is 256 characters long, more than 255");
    }

    private static FindingEvent finding(String id, HostInfo host, long version) {
        return new FindingEvent(id, "probe-silent", Severity.MEDIUM, FindingState.OPEN, host, "lab", "node-a", null, null, null,
                "title", "description", "remediation", List.of(), SEEN, SEEN, version);
    }
}
