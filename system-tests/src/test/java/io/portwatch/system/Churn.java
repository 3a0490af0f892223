package io.portwatch.system;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "churn");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> running;

    Churn(Fleet fleet) {
        this.fleet = fleet;
    }

    void start() {
        stop();
        running = executor.submit(() -> {
            for (int n = 0; n < MOST_CHANGES && !Thread.currentThread().isInterrupted(); n++) {
                fleet.toggleOne();
                try {
                    TimeUnit.MILLISECONDS.sleep(PACE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    /** Waits until the fleet has made {@code count} more changes. */
    void awaitMore(int count) {
        long target = fleet.changes() + count;
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> fleet.changes() >= target);
    }

    void stop() {
        if (running != null) {
            running.cancel(true);
            try {
                running.get(30, TimeUnit.SECONDS);
            } catch (Exception cancelled) {
                // Cancelled is how it ends.
            }
            running = null;
        }
    }
}
