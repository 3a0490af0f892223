package io.portwatch.notifier.delivery;

import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.notifier.support.Findings;
import io.portwatch.notifier.support.Metrics;
import io.portwatch.notifier.support.OutputFixture;
import io.portwatch.notifier.support.TestReceiver;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The OCSF output's rate limit, batching and retry budget against a real HTTP receiver on loopback (test config: at
 * most {@value #RATE} requests a second, {@value #BATCH} changes each, retries for up to 2 minutes, see
 * src/test/resources/application.properties): a burst larger than a second's worth goes out in paced batches, each change
 * once; a receiver down for {@link #OUTAGE} (the 30 s; {@code -Dnotifier.test.outage=PT5S} while iterating, the
 * same retry path) loses nothing and repeats nothing.
 */
@QuarkusTest
class PacingAndOutageTest extends OutputFixture {

    private static final String OUTPUT = "ocsf";
    /** The test config's {@code portwatch.notifier.ocsf.rate-limit}. */
    private static final int RATE = 4;
    /** The test config's {@code portwatch.notifier.ocsf.batch-size}. */
    private static final int BATCH = 5;
    /** How long the receiver is down. */
    private static final Duration OUTAGE = Duration.parse(System.getProperty("notifier.test.outage", "PT30S"));
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void aBurstLargerThanTheRateIsDeliveredInPacedBatchesEachChangeOnce() {
        List<FindingEvent> burst = changes("burst", 42);
        burst.forEach(alerts::write);

        List<TestReceiver.Request> requests = deliveredOnce(burst, DEADLINE);
        assertThat(requests).allSatisfy(request -> assertThat(request.dedupKeys()).hasSizeBetween(1, BATCH));
        int least = (burst.size() + BATCH - 1) / BATCH;
        assertThat(requests).hasSizeGreaterThanOrEqualTo(least);
        // Paced at RATE requests a second: n requests span at least n - 1 gaps of 1/RATE s (one gap of slack for
        // the first request's own way to the receiver).
        long span = requests.get(requests.size() - 1).arrivedNanos() - requests.get(0).arrivedNanos();
        assertThat(span).isGreaterThanOrEqualTo((requests.size() - 2) * TimeUnit.SECONDS.toNanos(1) / RATE);
    }

    @Test
    void aReceiverDownForTheOutageLosesNothingAndRepeatsNothing() {
        double retriedBefore = Metrics.retried(OUTPUT);
        receiver().down();
        long downAt = System.nanoTime();
        List<FindingEvent> changes = changes("outage", 12);
        changes.forEach(alerts::write);

        await("retried through an outage of " + OUTAGE).atMost(OUTAGE.plus(DEADLINE)).pollInterval(Duration.ofMillis(500))
                .until(() -> System.nanoTime() - downAt >= OUTAGE.toNanos() && Metrics.retried(OUTPUT) >= retriedBefore + 3);
        assertThat(accepted(keys(changes))).as("nothing got through while the receiver was down").isEmpty();
        receiver().up();

        deliveredOnce(changes, DEADLINE);
        for (FindingEvent change : changes) {
            assertThat(undeliverable.of(OUTPUT, change.findingId())).as(change.host().id()).isEmpty();
        }
    }

    /** The accepted requests that carry these changes, in arrival order, once all arrived; each change in exactly one. */
    private List<TestReceiver.Request> deliveredOnce(List<FindingEvent> changes, Duration deadline) {
        Set<String> keys = keys(changes);
        await("every change delivered").atMost(deadline).until(() -> accepted(keys).stream()
                .flatMap(request -> request.dedupKeys().stream()).filter(keys::contains).collect(Collectors.toSet()).size() == keys.size());
        List<TestReceiver.Request> requests = accepted(keys);
        // Other tests' changes may share a request (a poll takes what is there); each of these is in exactly one.
        List<String> delivered = requests.stream().flatMap(request -> request.dedupKeys().stream()).filter(keys::contains).toList();
        assertThat(delivered).as("each change once").containsExactlyInAnyOrderElementsOf(keys);
        return requests;
    }

    private List<TestReceiver.Request> accepted(Set<String> keys) {
        return receiver().accepted().stream().filter(request -> request.dedupKeys().stream().anyMatch(keys::contains))
                .sorted(Comparator.comparingLong(TestReceiver.Request::arrivedNanos)).toList();
    }

    private static List<FindingEvent> changes(String name, int count) {
        return IntStream.range(0, count).mapToObj(i -> Findings.reflector("pace-" + name + "-" + i, FindingState.OPEN, 1)).toList();
    }

    private static Set<String> keys(List<FindingEvent> changes) {
        return changes.stream().map(Findings::dedupKey).collect(Collectors.toSet());
    }

    private TestReceiver receiver() {
        return outputs.ocsf();
    }
}
