package io.portwatch.probe.network;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * When a piece of scan work must end: at its own time limit, or earlier when its scan is stopped (cancelled).
 * A part of the work gets a deadline {@link #within} this one, so no part outlives the whole.
 */
final class Deadline {

    private static final long NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private final long endNanos;
    private final BooleanSupplier stopped;

    private Deadline(long endNanos, BooleanSupplier stopped) {
        this.endNanos = endNanos;
        this.stopped = stopped;
    }

    /** A deadline {@code limit} from now that also passes as soon as {@code stopped} says so. */
    static Deadline after(Duration limit, BooleanSupplier stopped) {
        return new Deadline(System.nanoTime() + limit.toNanos(), stopped);
    }

    /** A deadline at most {@code limit} from now, never later than this one, and stopped with it. */
    Deadline within(Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        return new Deadline(end - endNanos < 0 ? end : endNanos, stopped);
    }

    /** Whether the time is up or the work was stopped. */
    boolean passed() {
        return stopped.getAsBoolean() || remainingNanos() <= 0;
    }

    /**
     * Milliseconds left, rounded up, so a socket timeout of that length ends no earlier than the deadline (then
     * {@link #passed()} tells a read cut by the deadline from one that found the peer silent); at least 1 while the
     * deadline has not passed (a socket timeout of 0 would mean forever), else 0.
     */
    int remainingMillis() {
        if (passed()) {
            return 0;
        }
        long millis = (remainingNanos() + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }

    /** {@code limit} in milliseconds, or less when less is left; 0 only when the deadline has passed. */
    int millisAtMost(Duration limit) {
        return (int) Math.min(remainingMillis(), Math.max(1, limit.toMillis()));
    }

    private long remainingNanos() {
        return endNanos - System.nanoTime();
    }
}
