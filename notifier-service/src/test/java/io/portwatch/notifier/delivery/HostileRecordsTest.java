package io.portwatch.notifier.delivery;

import io.portwatch.events.contract.FindingChangeRecord;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.json.EventJson;
import io.portwatch.notifier.support.Findings;
import io.portwatch.notifier.support.Metrics;
import io.portwatch.notifier.support.OutputFixture;
import io.portwatch.notifier.support.Undeliverable;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records on {@code portwatch.alerts} that are not alert-service's finding changes, read as every subscriber reads them
 * ({@link FindingChangeRecord}): another producer's, an unknown type, no CloudEvent at all, a value that breaks the shared
 * contract or is not JSON. Each is parked unread with its reason and counted, never delivered, and the changes behind it
 * flow on.
 */
@QuarkusTest
class HostileRecordsTest extends OutputFixture {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String OUTPUT = "webhook";

    @Test
    void anotherProducersRecordIsParkedAndCounted() {
        FindingEvent forged = Findings.reflector("hostile-source", FindingState.OPEN, 1);

        parkedWithReason(forged.findingId(), EventJson.toBytes(forged), "/portwatch/probe-service", FindingChangeRecord.TYPE_PREFIX + "opened",
                "CloudEvents source is not /portwatch/alert-service");
    }

    @Test
    void anUnknownChangeTypeIsParkedAndCounted() {
        FindingEvent odd = Findings.reflector("hostile-type", FindingState.OPEN, 1);

        parkedWithReason(odd.findingId(), EventJson.toBytes(odd), FindingChangeRecord.SOURCE, FindingChangeRecord.TYPE_PREFIX + "pwned",
                "not a finding-change type");
    }

    @Test
    void aRecordWithoutCloudEventHeadersIsParkedAndCounted() {
        FindingEvent bare = Findings.reflector("hostile-bare", FindingState.OPEN, 1);

        parkedWithReason(bare.findingId(), EventJson.toBytes(bare), null, null, "not a CloudEvent");
    }

    @Test
    void aChangeThatBreaksTheSharedContractIsParkedAndCounted() {
        FindingEvent escaping = Findings.unexpectedProcess("hostile-\u001b[2J", "mac", "rapportd", "/usr/libexec/rapportd", "root");

        parkedWithReason(escaping.findingId(), EventJson.toBytes(escaping), FindingChangeRecord.SOURCE,
                FindingChangeRecord.TYPE_PREFIX + "opened", "host.id");
    }

    @Test
    void aValueThatIsNotJsonIsParkedAndCounted() {
        parkedWithReason("hostile-not-json", "{\"findingId\":".getBytes(StandardCharsets.UTF_8), FindingChangeRecord.SOURCE,
                FindingChangeRecord.TYPE_PREFIX + "opened", "");
    }

    /** Writes the record, then a real change behind it: the record is parked with the reason and counted, the change delivered. */
    private void parkedWithReason(String key, byte[] value, String source, String type, String reason) {
        double rejectedBefore = Metrics.rejected(OUTPUT);
        FindingEvent behind = Findings.reflector("behind-" + key, FindingState.OPEN, 1);
        alerts.writeRaw(key, value, source, type);
        alerts.write(behind);

        List<Undeliverable.Parked> parked = await("parked " + key).atMost(DEADLINE).until(() -> undeliverable.of(OUTPUT, key), list -> !list.isEmpty());
        assertThat(parked).singleElement().satisfies(record -> {
            assertThat(record.reason()).startsWith("not a finding change of alert-service: ").contains(reason);
            assertThat(record.value()).isEqualTo(value);
        });
        await("delivered behind it").atMost(DEADLINE).until(() -> !outputs.webhook().acceptedFor(Findings.dedupKey(behind)).isEmpty());
        assertThat(outputs.webhook().received()).as("nothing sent for the record")
                .noneMatch(request -> request.dedupKeys().stream().anyMatch(dedupKey -> dedupKey.startsWith(key + "@")));
        assertThat(Metrics.rejected(OUTPUT)).isGreaterThanOrEqualTo(rejectedBefore + 1);
    }
}
