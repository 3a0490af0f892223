package io.portwatch.alert.suppression;

import io.portwatch.alert.Fixtures;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuppressionPolicyTest {

    private static final PortKey EPPC = new PortKey(Transport.TCP, 3031);
    private static final Listener RAPPORTD = Fixtures.owned(Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES), "rapportd");

    @Test
    void aFleetFindingWithoutAListenerMatchesOnlyPoliciesWithoutListenerConditions() {
        assertThat(policy("probe-silent", null, null, "mac-build-*", null).matches("probe-silent", host("mac-build-7"), null)).isTrue();
        assertThat(policy("probe-silent", Transport.TCP, null, null, null).matches("probe-silent", host("mac-build-7"), null)).isFalse();
        assertThat(policy(null, null, 3031, null, null).matches("probe-silent", host("mac-build-7"), null)).isFalse();
        assertThat(policy(null, null, null, null, "rapportd").matches("probe-silent", host("mac-build-7"), null)).isFalse();
    }

    @Test
    void everyGivenConditionMustHold() {
        SuppressionPolicy policy = policy(null, Transport.TCP, 3031, "mac-build-*", "rapportd");

        assertThat(policy.matches("unexpected-process", host("mac-build-7"), RAPPORTD)).isTrue();
        assertThat(policy.matches("unexpected-process", host("mac-desk-7"), RAPPORTD)).isFalse();
        assertThat(policy.matches("unexpected-process", host("mac-build-7"), Fixtures.owned(RAPPORTD, "nc"))).isFalse();
        assertThat(policy.matches("unexpected-process", host("mac-build-7"), Fixtures.listener(EPPC, "::", Exposure.ALL_INTERFACES)))
                .isFalse();
    }

    @Test
    void globMatchesHostIdOrNameIgnoringCaseAndQuotesTheRest() {
        SuppressionPolicy policy = policy(null, null, null, "lab-?.example.org", null);

        assertThat(policy.matches("r", new HostInfo("id-1", "LAB-1.example.org", List.of()), RAPPORTD)).isTrue();
        assertThat(policy.matches("r", host("lab-12.example.org"), RAPPORTD)).isFalse();
        assertThat(policy.matches("r", host("lab-1Xexample.org"), RAPPORTD)).isFalse();
    }

    @Test
    void ruleConditionNamesOneRule() {
        SuppressionPolicy policy = policy("plaintext-admin", null, null, null, null);

        assertThat(policy.matches("plaintext-admin", host("h"), RAPPORTD)).isTrue();
        assertThat(policy.matches("legacy-service-exposed", host("h"), RAPPORTD)).isFalse();
    }

    @Test
    void anAbsolutePathNamesTheExecutableEveryOwnerRuns() {
        SuppressionPolicy policy = policy(null, null, 3031, null, "/usr/libexec/rapportd");
        Listener posing = Fixtures.ownedBy(RAPPORTD, "rapportd", "/tmp/.x/rapportd");

        assertThat(policy.matches("unexpected-process", host("h"), RAPPORTD)).isTrue();
        assertThat(policy.matches("unexpected-process", host("h"), posing)).isFalse();
        assertThat(policy.matches("unexpected-process", host("h"), Fixtures.ownedBy(RAPPORTD, "rapportd", "/usr/libexec/rapportd (deleted)")))
                .isFalse();
    }

    private static SuppressionPolicy policy(String rule, Transport transport, Integer port, String hosts, String process) {
        return new SuppressionPolicy(1, rule, transport, port, hosts, process, "because", "dana", Instant.now());
    }

    private static HostInfo host(String id) {
        return new HostInfo(id, id, List.of());
    }
}
