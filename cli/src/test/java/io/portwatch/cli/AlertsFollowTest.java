package io.portwatch.cli;

import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.testing.KafkaBroker;
import io.portwatch.testing.TopicWriter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code portwatch alerts --follow} against a real broker: records that are not finding changes are skipped with one
 * warning line each (topic-partition@offset and why), counted, and the follow goes on to the seed findings behind them.
 */
class AlertsFollowTest {

    /** One key for every record, so they sit on one partition in the order written. */
    private static final String KEY = "mac-1";

    private static KafkaBroker kafka;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaBroker.start(Path.of("target"));
    }

    @AfterAll
    static void stopBroker() {
        kafka.stop();
    }

    @Test
    void recordsThatAreNotFindingChangesAreSkippedCountedAndTheFollowGoesOn() {
        FindingEvent reflector = Findings.open("amplification-reflector", Severity.CRITICAL, "mac-1", Transport.UDP, 3283, "Reflector");
        FindingEvent admin = Findings.open("plaintext-admin", Severity.HIGH, "mac-1", Transport.TCP, 311, "Plaintext admin");
        FindingEvent escaping = Findings.open("unexpected-process", Severity.MEDIUM, "mac-1", Transport.TCP, 3031,
                "a\u001b[2K\u001b[8m owns 3031\u0007");
        String longHost = "h".repeat(256);
        try (TopicWriter writer = new TopicWriter(kafka.bootstrapServers())) {
            send(writer, null);
            send(writer, "not json".getBytes(StandardCharsets.UTF_8));
            send(writer, "[1, 2]".getBytes(StandardCharsets.UTF_8));
            send(writer, "{\"findingId\": \"x\", \"listener\": {\"port\": 99999}}".getBytes(StandardCharsets.UTF_8));
            send(writer, EventJson.toBytes(Findings.open("plaintext-admin", Severity.HIGH, longHost, Transport.TCP, 311, "t")));
            send(writer, EventJson.toBytes(Findings.open("plaintext-admin\u001b[2K", Severity.HIGH, "mac-2", Transport.TCP, 311, "t")));
            writer.send(Topics.ALERTS, KEY, EventJson.toBytes(reflector), List.of());
            send(writer, EventJson.toBytes(reflector));
            send(writer, EventJson.toBytes(admin));
            send(writer, EventJson.toBytes(escaping));
        }
        AlertsCommand command = new AlertsCommand(new TestConfig("http://127.0.0.1:9", kafka.bootstrapServers()),
                new KafkaClientSettings(Map.of()));
        command.follow = true;
        command.fromBeginning = true;
        command.untilSeeds = true;
        command.timeoutSeconds = 60;

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(command.call()).isEqualTo(ExitCodes.OK);

            List<String> rows = console.out().lines().skip(1).toList();
            assertThat(rows).hasSize(3);
            assertThat(rows.get(2)).contains("a\\x1B[2K\\x1B[8m owns 3031\\x07").doesNotContain("\u001b", "\u0007");
            List<String> warnings = console.err().lines().filter(line -> line.startsWith("portwatch:")).toList();
            assertThat(warnings).hasSize(8).allMatch(line -> !line.contains("\u001b"));
            assertThat(warnings.get(0)).containsPattern("skipped portwatch\\.alerts-\\d+@0 \\(1 so far\\)").contains("no value");
            assertThat(warnings.get(1)).contains("@1 (2 so far)").contains("not a FindingEvent");
            assertThat(warnings.get(2)).contains("@2 (3 so far)").contains("not a FindingEvent");
            assertThat(warnings.get(3)).contains("@3 (4 so far)").contains("not a FindingEvent");
            assertThat(warnings.get(4)).contains("@4 (5 so far)").contains("host.id is 256 characters long, more than 255");
            assertThat(warnings.get(5)).contains("@5 (6 so far)").contains("findingId holds a control character");
            assertThat(warnings.get(6)).contains("@6 (7 so far)").contains("not a CloudEvent");
            assertThat(warnings.get(7)).isEqualTo("portwatch: skipped 7 records that were not finding changes");
        }
    }

    private static void send(TopicWriter writer, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        new CloudEvent(CloudEvent.SPEC_VERSION, KEY + "@1", "/portwatch/alert-service", "portwatch.finding.opened", Instant.now(),
                CloudEvent.JSON).writeTo(headers);
        writer.send(Topics.ALERTS, KEY, value, List.<Header>of(headers.toArray()));
    }
}
