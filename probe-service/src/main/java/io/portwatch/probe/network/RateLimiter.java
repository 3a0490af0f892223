package io.portwatch.probe.network;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Paces packets to at most {@code perSecond}: each permit is due one interval after the previous one,
 * so a scan never bursts above its rate. Shared by the loops of one scan.
 */
final class RateLimiter {

    private final long intervalNanos;
    private final LongSupplier clock;
    private long nextPermit;

    RateLimiter(int perSecond) {
        this(perSecond, System::nanoTime);
    }

    /** @param clock the time in nanoseconds ({@link System#nanoTime()} but in tests) */
    RateLimiter(int perSecond, LongSupplier clock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("packets per second must be at least 1, not " + perSecond);
        }
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.clock = clock;
        this.nextPermit = clock.getAsLong();
    }

    /** Nanoseconds until the next permit is due; 0 when one may be taken now. */
    synchronized long nanosUntilPermit() {
        return Math.max(0, nextPermit - clock.getAsLong());
    }

    /** Takes a permit if one is due. */
    synchronized boolean tryAcquire() {
        long now = clock.getAsLong();
        if (now < nextPermit) {
            return false;
        }
        // Idle time does not bank permits beyond one interval: no burst after a pause.
        nextPermit = Math.max(nextPermit, now - intervalNanos) + intervalNanos;
        return true;
    }

    /**
     * Waits for and takes a permit, unless the deadline passes first.
     *
     * @throws ScanStoppedException when the deadline passes (checked before every try, and after every wait)
     */
    void acquire(Deadline deadline) {
        while (true) {
            if (deadline.passed()) {
                throw new ScanStoppedException();
            }
            if (tryAcquire()) {
                return;
            }
            LockSupport.parkNanos(nanosUntilPermit());
        }
    }
}
