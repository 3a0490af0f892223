package io.portwatch.notifier.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;

/**
 * One output's meters, tagged {@code output=<name>}: changes delivered, retried requests, changes parked, records rejected,
 * latency.
 */
final class DeliveryMetrics {

    static final String DELIVERED = "portwatch.notifier.delivered";
    static final String RETRIED = "portwatch.notifier.retried";
    static final String PARKED = "portwatch.notifier.parked";
    static final String SKIPPED = "portwatch.notifier.replays.skipped";
    static final String LATENCY = "portwatch.notifier.latency";
    static final String REJECTED = "portwatch.notifier.rejected";

    private final Counter delivered;
    private final Counter retried;
    private final Counter parked;
    private final Counter skipped;
    private final Counter rejected;
    private final Timer latency;

    DeliveryMetrics(String output, MeterRegistry registry) {
        delivered = Counter.builder(DELIVERED).tag("output", output).description("Finding changes delivered").register(registry);
        retried = Counter.builder(RETRIED).tag("output", output).description("Requests retried after a failure").register(registry);
        parked = Counter.builder(PARKED).tag("output", output)
                .description("Finding changes parked on portwatch.alerts.undeliverable").register(registry);
        skipped = Counter.builder(SKIPPED).tag("output", output)
                .description("Finding changes not sent again: that version was delivered already").register(registry);
        rejected = Counter.builder(REJECTED).tag("output", output)
                .description("Records of the output's topic that are not alert-service's finding changes, parked unread").register(registry);
        latency = Timer.builder(LATENCY).tag("output", output)
                .description("From alert-service writing a change to its delivery").publishPercentiles(0.5, 0.99).register(registry);
    }

    void delivered(Change change) {
        delivered.increment();
        latency.record(Duration.between(change.writtenAt(), Instant.now()).abs());
    }

    void retried() {
        retried.increment();
    }

    void parked() {
        parked.increment();
    }

    void skipped() {
        skipped.increment();
    }

    void rejected() {
        rejected.increment();
    }
}
