package io.portwatch.system;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Keeps a fleet's listeners changing in the background: one random open or close every
 * {@value #PACE_MILLIS} ms, at most {@value #MOST_CHANGES} per run, until stopped.
 */
final class Churn {

    private static final long PACE_MILLIS = 20;
    private static final int MOST_CHANGES = 5_000;
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private final Fleet fleet;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "churn");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> running;

    Churn(Fleet fleet) {
        this.fleet = fleet;
    }

    synchronized void start() {
        stop();
        AtomicInteger made = new AtomicInteger();
        running = scheduler.scheduleAtFixedRate(() -> {
            if (made.incrementAndGet() > MOST_CHANGES) {
                throw new IllegalStateException("churn bound reached"); // ends the schedule
            }
            fleet.toggleOne();
        }, 0, PACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Waits until the fleet has made {@code count} more changes. */
    void awaitMore(int count) {
        long target = fleet.changes() + count;
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> fleet.changes() >= target);
    }

    synchronized void stop() {
        if (running != null) {
            running.cancel(false);
            running = null;
            try {
                // The one thread runs this after a change in progress, if any: the fleet is still when stop() returns.
                scheduler.submit(() -> { }).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the churn did not stop", e);
            }
        }
    }
}
