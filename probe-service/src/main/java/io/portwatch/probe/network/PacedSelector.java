package io.portwatch.probe.network;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

/**
 * Runs non-blocking probes on one selector: at most {@code maxInFlight} at a time, started no faster
 * than the rate limiter allows, each given up after the timeout, all of them given up when the scan's
 * deadline passes (its in-flight channels closed, a {@link ScanStoppedException} thrown). The probe says
 * how to start one, what to do when its channel is ready, and what an expiry means.
 */
final class PacedSelector {

    /** One kind of non-blocking probe. */
    interface Probe<T> {

        /** Starts probing a target: returns its registered key, or null when it finished at once. */
        SelectionKey start(T target, Selector selector) throws IOException;

        /** The key's channel is ready: record the outcome. */
        void ready(SelectionKey key);

        /** No answer in time: record the outcome. */
        void expired(SelectionKey key);
    }

    private record InFlight(SelectionKey key, long deadline) {
    }

    private final RateLimiter limiter;
    private final int maxInFlight;
    private final long timeoutNanos;

    PacedSelector(RateLimiter limiter, int maxInFlight, Duration timeout) {
        this.limiter = limiter;
        this.maxInFlight = maxInFlight;
        this.timeoutNanos = timeout.toNanos();
    }

    /** Probes every target once; counts each finished target in {@code progress}. */
    <T> void run(List<T> targets, Probe<T> probe, Runnable progress, Deadline deadline) throws IOException {
        ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
        int active = 0;
        int next = 0;
        try (Selector selector = Selector.open()) {
            while (next < targets.size() || active > 0) {
                if (deadline.passed()) {
                    inFlight.forEach(pending -> close(pending.key()));
                    throw new ScanStoppedException();
                }
                // At most maxInFlight starts a round, even when every probe finishes at once, so the deadline is
                // checked and the ready keys are taken between batches.
                for (int started = 0; started < maxInFlight && next < targets.size() && active < maxInFlight
                        && limiter.tryAcquire(); started++) {
                    SelectionKey key = probe.start(targets.get(next++), selector);
                    if (key == null) {
                        progress.run();
                    } else {
                        inFlight.add(new InFlight(key, System.nanoTime() + timeoutNanos));
                        active++;
                    }
                }
                long wait = waitNanos(inFlight, next < targets.size() && active < maxInFlight);
                if (wait < 1_000_000) {
                    selector.selectNow(); // the next permit or deadline is under a millisecond away: no sleep
                } else {
                    selector.select(wait / 1_000_000);
                }
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    probe.ready(key);
                    close(key);
                    active--;
                    progress.run();
                }
                long now = System.nanoTime();
                while (!inFlight.isEmpty() && (!inFlight.peek().key().isValid() || inFlight.peek().deadline() <= now)) {
                    SelectionKey key = inFlight.poll().key();
                    if (key.isValid()) {
                        probe.expired(key);
                        close(key);
                        active--;
                        progress.run();
                    }
                }
            }
        }
    }

    private long waitNanos(ArrayDeque<InFlight> inFlight, boolean mayStartMore) {
        long wait = inFlight.stream().filter(pending -> pending.key().isValid()).findFirst()
                .map(pending -> pending.deadline() - System.nanoTime()).orElse(100_000_000L);
        if (mayStartMore) {
            wait = Math.min(wait, limiter.nanosUntilPermit());
        }
        return Math.max(0, wait);
    }

    private static void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            // Closing a probe socket: nothing to report.
        }
    }
}
