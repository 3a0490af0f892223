package io.portwatch.alert.listeners;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The waits between attempts: announced before each pause, doubling to a cap, and a stopping service not held by one. */
class BackoffTest {

    @BeforeEach
    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void eachPauseSleepsWhatItAnnouncedThenDoublesUpToTenSeconds() {
        List<Long> slept = new ArrayList<>();
        List<Long> announced = new ArrayList<>();
        Backoff backoff = new Backoff(slept::add);
        for (int attempt = 0; attempt < 6; attempt++) {
            announced.add(backoff.nextSeconds());
            backoff.pause();
        }

        assertThat(announced).containsExactly(1L, 2L, 4L, 8L, 10L, 10L);
        assertThat(slept).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 10_000L, 10_000L);
    }

    @Test
    void anInterruptedPauseThrowsAndKeepsTheInterrupt() {
        Backoff backoff = new Backoff();
        Thread.currentThread().interrupt();

        assertThatThrownBy(backoff::pause).isInstanceOf(IllegalStateException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(backoff.nextSeconds()).as("the wait after an interrupted pause is not doubled").isEqualTo(1);
    }
}
