package io.portwatch.notifier.delivery;

import java.util.concurrent.TimeUnit;

/**
 * Spaces an output's requests so that at most {@code perSecond} go out per second: a request waits for its
 * slot instead of being refused, so a rate limit delays changes and never parks them.
 */
final class RatePacer {

    private final long spacingNanos;
    private long nextSlot = System.nanoTime();

    /** A pacer; 0 or less means no limit. */
    RatePacer(double perSecond) {
        this.spacingNanos = perSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    }

    /** Waits until the next request may go out. */
    void acquire() throws InterruptedException {
        if (spacingNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + spacingNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
