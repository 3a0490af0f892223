package io.portwatch.notifier.routing;

import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.notifier.support.Findings;
import io.portwatch.notifier.support.OutputFixture;
import io.portwatch.notifier.support.TestReceiver;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each output takes only the changes its config routes to it (test config: OCSF from MEDIUM up; Slack the rules
 * amplification-reflector and unexpected-process in zone lab). A change that is not routed is followed by one of the
 * same finding that is: same key, same partition, so once the second arrives the output has passed the first.
 */
@QuarkusTest
class RoutingTest extends OutputFixture {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void changeBelowTheOutputsSeverityIsNotDelivered() {
        FindingEvent low = Findings.withSeverity(Findings.reflector("route-severity", FindingState.OPEN, 1), Severity.LOW);
        FindingEvent medium = Findings.withSeverity(Findings.reflector("route-severity", FindingState.OPEN, 2), Severity.MEDIUM);
        alerts.write(low, medium);

        await("the routed change").atMost(DEADLINE).until(() -> ocsfBodiesWith(Findings.dedupKey(medium)), list -> !list.isEmpty());
        assertThat(ocsfBodiesWith(Findings.dedupKey(low))).isEmpty();
    }

    @Test
    void changeOfAnotherRuleIsNotDelivered() {
        FindingEvent otherRule = Findings.withRuleAndZone(Findings.reflector("route-rule", FindingState.OPEN, 1), "unassigned-port-listener", "lab");
        FindingEvent routed = Findings.reflector("route-rule", FindingState.OPEN, 2);
        alerts.write(otherRule, routed);

        await("the routed change").atMost(DEADLINE).until(() -> slackMessagesOf(routed), list -> !list.isEmpty());
        assertThat(slackMessagesOf(routed)).singleElement().asString().contains("Rule: amplification-reflector")
                .doesNotContain("unassigned-port-listener");
    }

    @Test
    void changeFromAnotherZoneIsNotDelivered() {
        FindingEvent otherZone = Findings.withRuleAndZone(Findings.reflector("route-zone", FindingState.ACKNOWLEDGED, 1),
                "amplification-reflector", "dmz");
        FindingEvent routed = Findings.reflector("route-zone", FindingState.OPEN, 2);
        alerts.write(otherZone, routed);

        await("the routed change").atMost(DEADLINE).until(() -> slackMessagesOf(routed), list -> !list.isEmpty());
        assertThat(slackMessagesOf(routed)).singleElement().asString().contains("(OPEN)").doesNotContain("(ACKNOWLEDGED)");
    }

    private List<String> ocsfBodiesWith(String dedupKey) {
        return bodies(outputs.ocsf()).stream().filter(body -> body.contains("\"uid\":\"" + dedupKey + "\"")).toList();
    }

    private List<String> slackMessagesOf(FindingEvent event) {
        return bodies(outputs.slack()).stream().filter(body -> body.contains("|Finding " + event.findingId() + ">")).toList();
    }

    private static List<String> bodies(TestReceiver receiver) {
        return receiver.accepted().stream().map(request -> new String(request.body(), StandardCharsets.UTF_8)).toList();
    }
}
