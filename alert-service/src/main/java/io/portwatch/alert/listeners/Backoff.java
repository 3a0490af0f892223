package io.portwatch.alert.listeners;

import java.time.Duration;

/**
 * The waits between one failed attempt and the next: 1 s, doubling up to 10 s (exponential backoff). No jitter: the
 * few replicas that lost PostgreSQL or Kafka together retry at most every 10 s each, too little load to spread. One
 * instance per run of attempts.
 */
final class Backoff {

    /** Sleeps the given milliseconds ({@link Thread#sleep} but in tests). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofSeconds(10);

    private final Sleeper sleeper;
    private Duration next = FIRST;

    Backoff() {
        this(Thread::sleep);
    }

    Backoff(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /** How long the next {@link #pause} sleeps, in whole seconds (for the log line that announces it). */
    long nextSeconds() {
        return next.toSeconds();
    }

    /**
     * Sleeps the next wait, then doubles it up to 10 s.
     *
     * @throws IllegalStateException when the thread is interrupted meanwhile (the service stopping); the thread's
     *         interrupt flag is set again
     */
    void pause() {
        try {
            sleeper.sleep(next.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while waiting to try again", e);
        }
        Duration twice = next.multipliedBy(2);
        next = twice.compareTo(LONGEST) > 0 ? LONGEST : twice;
    }
}
