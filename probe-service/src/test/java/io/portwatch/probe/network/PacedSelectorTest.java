package io.portwatch.probe.network;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limits every probe loop keeps, whatever its probes do: no start without a permit, never more in flight than allowed. */
class PacedSelectorTest {

    private static final List<Integer> TARGETS = IntStream.range(0, 13).boxed().toList();
    private static final Duration LIMIT = Duration.ofMinutes(1);

    @Test
    void noProbeStartsWithoutAPermit() {
        RateLimiter stoppedClock = new RateLimiter(1_000, () -> 0L); // one permit due now, the next never
        AtomicInteger rounds = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        PacedSelector.Probe<Integer> finishedAtOnce = new NoReadyKeys() {
            @Override
            public SelectionKey start(Integer target, Selector selector) {
                started.incrementAndGet();
                return null;
            }
        };

        assertThatThrownBy(() -> new PacedSelector(stoppedClock, 4, LIMIT).run(TARGETS, finishedAtOnce, () -> { },
                Deadline.after(LIMIT, () -> rounds.incrementAndGet() > 20))).isInstanceOf(ScanStoppedException.class);
        assertThat(started.get()).as("probes started in 20 rounds with one permit").isEqualTo(1);
    }

    @Test
    void neverMoreProbesInFlightThanAllowed() throws IOException {
        int maxInFlight = 4;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicInteger expired = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        List<Pipe.SinkChannel> silentEnds = Collections.synchronizedList(new ArrayList<>());
        PacedSelector.Probe<Integer> neverAnswered = new NoReadyKeys() {
            @Override
            public SelectionKey start(Integer target, Selector selector) throws IOException {
                Pipe pipe = Pipe.open();
                silentEnds.add(pipe.sink());
                pipe.source().configureBlocking(false);
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                return pipe.source().register(selector, SelectionKey.OP_READ);
            }

            @Override
            public void expired(SelectionKey key) {
                inFlight.decrementAndGet();
                expired.incrementAndGet();
            }
        };
        try {
            new PacedSelector(new RateLimiter(1_000_000), maxInFlight, Duration.ofMillis(200)).run(TARGETS, neverAnswered,
                    finished::incrementAndGet, Deadline.after(LIMIT, () -> false));
        } finally {
            for (Pipe.SinkChannel end : silentEnds) {
                end.close();
            }
        }

        assertThat(mostInFlight.get()).isEqualTo(maxInFlight);
        assertThat(expired.get()).isEqualTo(TARGETS.size());
        assertThat(finished.get()).isEqualTo(TARGETS.size());
    }

    /** A probe whose keys never become ready. */
    private abstract static class NoReadyKeys implements PacedSelector.Probe<Integer> {

        @Override
        public void ready(SelectionKey key) {
            throw new AssertionError("no key of this probe can be ready");
        }

        @Override
        public void expired(SelectionKey key) {
            throw new AssertionError("no key of this probe can expire");
        }
    }
}
