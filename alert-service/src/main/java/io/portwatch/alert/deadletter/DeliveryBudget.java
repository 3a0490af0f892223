package io.portwatch.alert.deadletter;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bytes of dead letters sent and not yet acknowledged by Kafka, bounded: a sender waits for room, so that a flood
 * of refused records is dead-lettered at the pace Kafka takes it, in bounded memory, instead of overflowing the
 * channel. A dead letter larger than the whole budget takes all of it. Thread-safe.
 */
final class DeliveryBudget {

    private final int bytes;
    private final Duration wait;
    private final Semaphore free;

    /**
     * @param bytes how many bytes of dead letters may wait for Kafka's acknowledgement
     * @param wait  how long a sender waits for room before it gives up
     * @throws IllegalArgumentException when {@code bytes} is not positive: no dead letter could ever be sent
     */
    DeliveryBudget(int bytes, Duration wait) {
        if (bytes < 1) {
            throw new IllegalArgumentException("portwatch.alert.dead-letters.unacknowledged-bytes (" + bytes + ") must be positive");
        }
        this.bytes = bytes;
        this.wait = wait;
        // Fair: a large dead letter waiting for the whole budget is not overtaken for ever by small ones.
        this.free = new Semaphore(bytes, true);
    }

    /**
     * Takes room for a dead letter of {@code size} bytes, waiting for it (first come, first served); returns the bytes
     * taken, to {@link #release} once Kafka acknowledged or refused it.
     *
     * @throws IllegalStateException when no room was freed within the wait (Kafka acknowledges nothing), or when
     *                               the thread is interrupted
     */
    int take(int size) {
        int taken = Math.max(1, Math.min(size, bytes));
        try {
            if (!free.tryAcquire(taken, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("dead letters of " + (bytes - free.availablePermits())
                        + " bytes not acknowledged by Kafka within " + wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to send a dead letter", e);
        }
        return taken;
    }

    /**
     * Takes room for a dead letter of {@code size} bytes as {@link #take} does, but waits for it as long as it takes: for
     * a sender that must not give up while Kafka is away (the listener consumer, whose batch waits for its dead letters).
     *
     * @throws IllegalStateException when the thread is interrupted (the service stops)
     */
    int takeWhenFree(int size) {
        int taken = Math.max(1, Math.min(size, bytes));
        try {
            free.acquire(taken);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to send a dead letter", e);
        }
        return taken;
    }

    /** Gives back what {@link #take} or {@link #takeWhenFree} returned. */
    void release(int taken) {
        free.release(taken);
    }

    /** The bytes taken and not yet given back: dead letters sent and waiting for Kafka, and those being sent. */
    int unacknowledged() {
        return bytes - free.availablePermits();
    }
}
