package io.portwatch.notifier.delivery;

import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.notifier.support.AlertmanagerApi;
import io.portwatch.notifier.support.Findings;
import io.portwatch.notifier.support.OutputFixture;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One consumer group per output: a webhook receiver that holds every request does not hold back Alertmanager. */
@QuarkusTest
class OutputIndependenceTest extends OutputFixture {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void stalledWebhookDoesNotDelayAlertmanager() {
        outputs.webhook().stall();
        FindingEvent opened = Findings.reflector("independent", FindingState.OPEN, 1);
        alerts.write(opened);

        await("firing in Alertmanager").atMost(DEADLINE)
                .until(() -> AlertmanagerApi.alertsOf(outputs.alertmanager().url(), opened.findingId()), list -> list.size() == 1);
        assertThat(outputs.webhook().acceptedFor(Findings.dedupKey(opened))).as("the webhook is still held").isEmpty();

        outputs.webhook().resume();
        await("delivered by the webhook once it answers").atMost(DEADLINE)
                .until(() -> outputs.webhook().acceptedFor(Findings.dedupKey(opened)), list -> list.size() == 1);
    }
}
