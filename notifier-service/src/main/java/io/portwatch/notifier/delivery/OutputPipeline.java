package io.portwatch.notifier.delivery;

import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.json.MalformedEventException;
import io.portwatch.notifier.config.NotifierConfig;
import io.portwatch.notifier.routing.RouteFilter;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.Guard;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Delivers one output's share of a batch read from its consumer group: reads each record ({@link ChangeReader}: one that
 * is not alert-service's finding change is counted and parked unread), keeps the changes the
 * output's routing takes and it has not delivered yet, and sends them in batches through a guard of its own
 * (retries with exponential backoff and jitter around a circuit breaker, SmallRye Fault Tolerance). A batch that
 * exhausts the retry budget, or that the receiver refuses outright, is parked. It returns only when every
 * change is delivered or parked, so the consumer commits offsets past delivered or parked changes only.
 */
public final class OutputPipeline {

    private static final int REMEMBERED_FINDINGS = 100_000;

    private final String name;
    private final NotifierConfig.Output config;
    private final Receiver receiver;
    private final Predicate<FindingEvent> alsoTakes;
    private final RouteFilter filter;
    private final ChangeReader reader;
    private final Parking parking;
    private final DeliveryMetrics metrics;
    private final DeliveredVersions versions = new DeliveredVersions(REMEMBERED_FINDINGS);
    private final RatePacer pacer;
    private final Guard guard;

    OutputPipeline(String name, NotifierConfig.Output config, Receiver receiver, Predicate<FindingEvent> alsoTakes,
            ChangeReader reader, Parking parking, DeliveryMetrics metrics) {
        this.name = name;
        this.config = config;
        this.receiver = receiver;
        this.alsoTakes = alsoTakes;
        this.filter = new RouteFilter(config);
        this.reader = reader;
        this.parking = parking;
        this.metrics = metrics;
        this.pacer = new RatePacer(config.rateLimit());
        this.guard = Guard.create()
                .withDescription("notifier output " + name)
                .withRetry()
                    .maxRetries(config.maxRetries())
                    .delay(config.retryDelay().toMillis(), ChronoUnit.MILLIS)
                    .maxDuration(config.maxRetryDuration().toMillis(), ChronoUnit.MILLIS)
                    .jitter(config.retryJitter().toMillis(), ChronoUnit.MILLIS)
                    .whenException(failure -> !(failure instanceof DeliveryException delivery && delivery.permanent()))
                    .withExponentialBackoff().factor(2).maxDelay(config.maxRetryDelay().toMillis(), ChronoUnit.MILLIS).done()
                    .onRetry(metrics::retried)
                    .done()
                .withCircuitBreaker()
                    .name("notifier-" + name)
                    .requestVolumeThreshold(config.circuitRequests())
                    .failureRatio(config.circuitFailureRatio())
                    .delay(config.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                    .when(failure -> !(failure instanceof DeliveryException delivery && delivery.permanent()))
                    .onStateChange(state -> Log.warnf("Output %s: circuit breaker %s", name, state))
                    .done()
                .build();
    }

    /** The output's name, e.g. {@code alertmanager}. */
    public String name() {
        return name;
    }

    /** Delivers (or parks) every change of the batch this output takes; returns when all are done. */
    public void deliver(Iterable<ConsumerRecord<String, byte[]>> records) {
        List<Change> wanted = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Change change;
            try {
                change = reader.read(record);
            } catch (MalformedEventException e) {
                metrics.rejected();
                park(record, "not a finding change of alert-service: " + e.getMessage());
                continue;
            }
            if (!filter.accepts(change.event()) && !alsoTakes.test(change.event())) {
                continue;
            }
            if (versions.seen(change)) {
                metrics.skipped();
                continue;
            }
            wanted.add(change);
        }
        int size = Math.max(1, config.batchSize());
        for (int start = 0; start < wanted.size(); start += size) {
            send(wanted.subList(start, Math.min(wanted.size(), start + size)));
        }
    }

    private void send(List<Change> batch) {
        try {
            guard.call(() -> {
                pacer.acquire();
                receiver.send(batch);
                return null;
            }, Void.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("output " + name + " interrupted: the batch is read again after a restart", e);
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("output " + name + " interrupted: the batch is read again after a restart", e);
            }
            String reason = reason(e);
            batch.forEach(change -> park(change.record(), reason));
            return;
        }
        batch.forEach(change -> {
            versions.delivered(change);
            metrics.delivered(change);
        });
    }

    private void park(ConsumerRecord<String, byte[]> record, String reason) {
        parking.park(name, record, reason);
        metrics.parked();
    }

    private String reason(Exception e) {
        if (e instanceof DeliveryException delivery) {
            return (delivery.permanent() ? "refused by the receiver: " : "retry budget spent, last failure: ") + e.getMessage();
        }
        return "retry budget spent, last failure: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
