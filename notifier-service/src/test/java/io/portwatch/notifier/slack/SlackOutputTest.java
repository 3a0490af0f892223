package io.portwatch.notifier.slack;

import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.json.EventJson;
import io.portwatch.notifier.support.Findings;
import io.portwatch.notifier.support.Metrics;
import io.portwatch.notifier.support.OutputFixture;
import io.portwatch.notifier.support.TestReceiver;
import io.portwatch.notifier.support.Undeliverable;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Slack output against a real HTTP receiver on loopback standing in for an incoming webhook: what a person reads,
 * what a hostile host name or process can't do to the message, and a receiver that always fails.
 */
@QuarkusTest
class SlackOutputTest extends OutputFixture {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void messageTellsSeverityTitleHostPortEvidenceAndLink() {
        FindingEvent opened = Findings.reflector("slack-readable", FindingState.OPEN, 1);
        alerts.write(opened);

        String text = message(opened);
        assertThat(text.lines()).containsExactly(
                "*[HIGH] UDP 3283 (net-assist) on slack-readable is an amplification reflector (x55.4)* (OPEN)",
                "Host: slack-readable.lab · Port: udp/192.0.2.10:3283 · Rule: amplification-reflector",
                "Evidence: arms-status: 1053 bytes answered to 19 (x55.4)",
                "<http://127.0.0.1:8082/api/v1/findings/" + opened.findingId() + "|Finding " + opened.findingId() + ">");
    }

    @Test
    void hostileNamesCannotMentionLinkOrControlTheReader() {
        // The host's name keeps FindingEventContract (no control characters), as alert-service publishes it; the process's
        // name and path reach the notifier as the watched host chose them.
        FindingEvent hostile = Findings.unexpectedProcess("slack-hostile", "db<!channel>&<http://evil.example|click>",
                "rapportd\u001b[2J\u0007", "/tmp/<@U024BE7LH>\n/rapportd\u202e", "root&<!here>");
        alerts.write(hostile);

        String text = message(hostile);
        assertThat(text.lines()).hasSize(4);
        assertThat(text.chars().filter(c -> c != '\n').noneMatch(Character::isISOControl)).isTrue();
        assertThat(text).doesNotContain("\u202e").contains("\\u202E", "\\x1B[2J", "\\x0A");
        assertThat(text).doesNotContain("<!channel>", "<!here>", "<@U024BE7LH>", "<http://evil.example");
        assertThat(text).contains("db&lt;!channel&gt;&amp;&lt;http://evil.example|click&gt;", "root&amp;&lt;!here&gt;");
        assertThat(text.chars().filter(c -> c == '<').count()).as("only the finding's own link").isEqualTo(1);
        assertThat(text.lines().toList().get(2)).isEqualTo("Evidence: process /tmp/&lt;@U024BE7LH&gt;\\x0A/rapportd\\u202E (pid 4242, user root&amp;&lt;!here&gt;)");
    }

    @Test
    void receiverThatAlwaysFailsEndsWithParkedChangesWhileTheOtherOutputsDeliver() {
        double parkedBefore = Metrics.parked("slack");
        outputs.slack().answer(500);
        FindingEvent opened = Findings.reflector("slack-failing", FindingState.OPEN, 1);
        alerts.write(opened);

        Undeliverable.Parked parked = await("parked").atMost(DEADLINE).until(() -> undeliverable.of("slack", opened.findingId()),
                list -> !list.isEmpty()).get(0);
        assertThat(parked.reason()).startsWith("retry budget spent, last failure: HTTP 500");
        assertThat(Metrics.parked("slack")).isGreaterThan(parkedBefore);
        await("the webhook output delivered it").atMost(DEADLINE).until(() -> outputs.webhook().acceptedFor(Findings.dedupKey(opened)),
                list -> list.size() == 1);
        assertThat(undeliverable.of("webhook", opened.findingId())).isEmpty();
    }

    /** The text of the message the receiver accepted for a finding. */
    private String message(FindingEvent event) {
        return await("Slack message of " + event.findingId()).atMost(DEADLINE).until(() -> find(event.findingId()), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<String> find(String findingId) {
        return outputs.slack().accepted().stream().map(SlackOutputTest::text).filter(text -> text.contains("|Finding " + findingId + ">"))
                .findFirst();
    }

    private static String text(TestReceiver.Request request) {
        try {
            return EventJson.mapper().readTree(request.body()).path("text").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
