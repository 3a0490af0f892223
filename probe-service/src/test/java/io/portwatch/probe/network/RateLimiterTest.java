package io.portwatch.probe.network;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pace of a scan's permits, on a clock the test moves. */
class RateLimiterTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void permitsAreOneIntervalApartAndIdleTimeBanksOneAtMost() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(10, now::get);

        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        assertThat(limiter.nanosUntilPermit()).isEqualTo(100_000_000L);

        now.addAndGet(10_000_000_000L); // 10 s idle bank one interval's permit, not 100
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
    }

    @Test
    void acquireWaitsForTheNextPermit() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(10, now::get);
        limiter.acquire(Deadline.after(LIMIT, () -> false));

        limiter.acquire(Deadline.after(LIMIT, () -> now.addAndGet(50_000_000L) < 0));

        assertThat(now.get()).isGreaterThanOrEqualTo(100_000_000L);
        assertThat(limiter.nanosUntilPermit()).isPositive();
    }

    @Test
    void aStoppedScanGetsNoPermit() {
        RateLimiter limiter = new RateLimiter(1);
        limiter.acquire(Deadline.after(LIMIT, () -> false));

        assertThatThrownBy(() -> limiter.acquire(Deadline.after(LIMIT, () -> true))).isInstanceOf(ScanStoppedException.class);
    }
}
