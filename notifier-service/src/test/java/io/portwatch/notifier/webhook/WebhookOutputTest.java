package io.portwatch.notifier.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.json.EventJson;
import io.portwatch.notifier.support.Findings;
import io.portwatch.notifier.support.JsonLog;
import io.portwatch.notifier.support.Metrics;
import io.portwatch.notifier.support.OutputFixture;
import io.portwatch.notifier.support.OutputsResource;
import io.portwatch.notifier.support.TestReceiver;
import io.portwatch.notifier.support.Undeliverable;
import io.portwatch.notifier.support.WebhookSignature;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook output against a real HTTP receiver on loopback: the CloudEvent it gets, the headers, the HMAC
 * signature checked as docs/notifier.md tells a receiver to, and deliveries through a stalling, failing or
 * absent receiver (test budget: 8 retries, 1 s timeout, see src/test/resources/application.properties).
 */
@QuarkusTest
class WebhookOutputTest extends OutputFixture {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** The test config's {@code portwatch.notifier.webhook.max-retries}. */
    private static final int MAX_RETRIES = 8;
    private static final String OUTPUT = "webhook";

    @Test
    void changeArrivesAsStructuredCloudEvent() throws IOException {
        FindingEvent opened = Findings.reflector("wh-cloudevent", FindingState.OPEN, 1);
        alerts.write(opened);

        TestReceiver.Request request = delivered(opened);
        assertThat(request.header("Content-Type")).isEqualTo("application/cloudevents+json");
        JsonNode event = EventJson.mapper().readTree(request.body());
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("id").asText()).isEqualTo(Findings.dedupKey(opened));
        assertThat(event.path("source").asText()).isEqualTo("/portwatch/alert-service");
        assertThat(event.path("type").asText()).isEqualTo("portwatch.finding.opened");
        assertThat(event.path("subject").asText()).isEqualTo(opened.findingId());
        assertThat(Instant.parse(event.path("time").asText())).isEqualTo(opened.lastSeen());
        assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.at("/data/findingId").asText()).isEqualTo(opened.findingId());
        assertThat(event.at("/data/version").asLong()).isEqualTo(1);
        assertThat(event.at("/data/rule").asText()).isEqualTo("amplification-reflector");
        assertThat(event.at("/data/listener/port").asInt()).isEqualTo(3283);
    }

    @Test
    void requestCarriesTheConfiguredHeadersAndTheDedupKey() {
        FindingEvent opened = Findings.reflector("wh-headers", FindingState.OPEN, 1);
        alerts.write(opened);

        TestReceiver.Request request = delivered(opened);
        assertThat(request.header("X-Tenant")).isEqualTo("lab");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + OutputsResource.TOKEN);
        assertThat(request.header("X-Portwatch-Dedup-Key")).isEqualTo(Findings.dedupKey(opened));
    }

    @Test
    void signatureVerifiesAsTheDocsTellReceivers() {
        FindingEvent opened = Findings.reflector("wh-signed", FindingState.OPEN, 1);
        alerts.write(opened);

        TestReceiver.Request request = delivered(opened);
        String timestamp = request.header("X-Portwatch-Timestamp");
        String signature = request.header("X-Portwatch-Signature");
        assertThat(signature).matches("sha256=[0-9a-f]{64}");
        assertThat(WebhookSignature.verifies(OutputsResource.HMAC_KEY, timestamp, signature, request.body(), Instant.now())).isTrue();
    }

    @Test
    void signatureRefusesATamperedBodyAnOtherTimestampAndAnOtherKey() {
        FindingEvent opened = Findings.reflector("wh-tampered", FindingState.OPEN, 1);
        alerts.write(opened);

        TestReceiver.Request request = delivered(opened);
        String timestamp = request.header("X-Portwatch-Timestamp");
        String signature = request.header("X-Portwatch-Signature");
        byte[] tampered = Arrays.copyOf(request.body(), request.body().length);
        tampered[tampered.length / 2] ^= 1;
        Instant now = Instant.now();
        assertThat(WebhookSignature.verifies(OutputsResource.HMAC_KEY, timestamp, signature, tampered, now)).isFalse();
        assertThat(WebhookSignature.verifies(OutputsResource.HMAC_KEY, Long.toString(Long.parseLong(timestamp) - 1), signature,
                request.body(), now)).isFalse();
        assertThat(WebhookSignature.verifies("another-key", timestamp, signature, request.body(), now)).isFalse();
        assertThat(WebhookSignature.verifies(OutputsResource.HMAC_KEY, timestamp, signature, request.body(),
                now.plus(WebhookSignature.TOLERANCE).plusSeconds(60))).as("a replay long after").isFalse();
    }

    @Test
    void stallingReceiverTimesOutAndTheChangeIsRetriedUntilItAnswers() {
        receiver().stall();
        FindingEvent stalled = Findings.reflector("wh-stalled", FindingState.OPEN, 1);
        alerts.write(stalled);
        await("two attempts, the first timed out").atMost(DEADLINE).until(() -> receiver().receivedFor(Findings.dedupKey(stalled)).size() >= 2);

        receiver().resume();
        delivered(stalled);
        FindingEvent after = Findings.reflector("wh-after-stall", FindingState.OPEN, 1);
        alerts.write(after);
        delivered(after);
        assertThat(undeliverable.of(OUTPUT, stalled.findingId())).isEmpty();
    }

    @Test
    void receiverAnswering500IsRetriedWithinTheBudgetThenTheChangeIsParked() {
        double parkedBefore = Metrics.parked(OUTPUT);
        receiver().answer(500);
        FindingEvent refused = Findings.reflector("wh-500", FindingState.OPEN, 1);
        alerts.write(refused);

        Undeliverable.Parked parked = await("parked").atMost(DEADLINE).until(() -> undeliverable.of(OUTPUT, refused.findingId()),
                list -> !list.isEmpty()).get(0);
        assertThat(parked.reason()).startsWith("retry budget spent, last failure: HTTP 500");
        assertThat(parked.value()).isEqualTo(EventJson.toBytes(refused));
        assertThat(receiver().receivedFor(Findings.dedupKey(refused))).hasSizeBetween(2, MAX_RETRIES + 1);
        assertThat(Metrics.parked(OUTPUT)).isGreaterThan(parkedBefore);
        // Its log line, as JSON logs write it: the finding id and the output are fields of their own.
        await("JSON log line").atMost(DEADLINE).untilAsserted(() -> assertThat(JsonLog.lines()).anySatisfy(line -> {
            assertThat(line.path("level").asText()).isEqualTo("ERROR");
            assertThat(line.at("/mdc/findingId").asText()).isEqualTo(refused.findingId());
            assertThat(line.at("/mdc/output").asText()).isEqualTo(OUTPUT);
        }));

        receiver().answer(200);
        FindingEvent later = Findings.reflector("wh-after-500", FindingState.OPEN, 1);
        alerts.write(later);
        delivered(later);
        assertThat(receiver().acceptedFor(Findings.dedupKey(refused))).as("a parked change is not sent later").isEmpty();
    }

    @Test
    void refusedConnectionsAreRetriedThenTheChangeIsParkedWithTheReason() {
        receiver().down();
        FindingEvent unreachable = Findings.reflector("wh-refused", FindingState.OPEN, 1);
        alerts.write(unreachable);

        Undeliverable.Parked parked = await("parked").atMost(DEADLINE).until(() -> undeliverable.of(OUTPUT, unreachable.findingId()),
                list -> !list.isEmpty()).get(0);
        assertThat(parked.reason()).startsWith("retry budget spent, last failure: ").contains("ConnectException");

        receiver().up();
        FindingEvent later = Findings.reflector("wh-after-refused", FindingState.OPEN, 1);
        alerts.write(later);
        delivered(later);
    }

    @Test
    void outageShorterThanTheBudgetLosesNothingAndRepeatsNothing() {
        double retriedBefore = Metrics.retried(OUTPUT);
        receiver().down();
        List<FindingEvent> changes = IntStream.range(0, 5)
                .mapToObj(i -> Findings.reflector("wh-outage-" + i, FindingState.OPEN, 1)).toList();
        changes.forEach(alerts::write);
        await("retries while the receiver is down").atMost(DEADLINE).until(() -> Metrics.retried(OUTPUT) >= retriedBefore + 2);

        receiver().up();
        changes.forEach(this::delivered);
        for (FindingEvent change : changes) {
            assertThat(receiver().acceptedFor(Findings.dedupKey(change))).as(change.host().id()).hasSize(1);
            assertThat(undeliverable.of(OUTPUT, change.findingId())).as(change.host().id()).isEmpty();
        }
    }

    @Test
    void everyVersionOfAFindingIsDeliveredOnceInOrder() {
        List<FindingEvent> versions = List.of(Findings.reflector("wh-versions", FindingState.OPEN, 1),
                Findings.reflector("wh-versions", FindingState.ACKNOWLEDGED, 2), Findings.reflector("wh-versions", FindingState.RESOLVED, 3));
        versions.forEach(alerts::write);

        versions.forEach(this::delivered);
        List<String> keys = receiver().accepted().stream().map(request -> request.header("X-Portwatch-Dedup-Key"))
                .filter(key -> key.startsWith(versions.get(0).findingId())).toList();
        assertThat(keys).containsExactly(versions.stream().map(Findings::dedupKey).toArray(String[]::new));
    }

    private TestReceiver receiver() {
        return outputs.webhook();
    }

    /** The request that delivered the change, once it is there. */
    private TestReceiver.Request delivered(FindingEvent event) {
        return await("delivered " + Findings.dedupKey(event)).atMost(DEADLINE)
                .until(() -> receiver().acceptedFor(Findings.dedupKey(event)), list -> !list.isEmpty()).get(0);
    }
}
