package io.portwatch.alert.deadletter;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DeliveryBudgetTest {

    private final DeliveryBudget budget = new DeliveryBudget(1_000, Duration.ofMillis(20));

    @Test
    void aSenderWaitsForRoomAndGivesUpWhenNoneIsFreed() {
        int first = budget.take(600);
        budget.take(400);

        assertThatThrownBy(() -> budget.take(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("dead letters of 1000 bytes not acknowledged by Kafka within PT0.02S");
        budget.release(first);
        assertThat(budget.take(600)).isEqualTo(600);
    }

    @Test
    void aWaitingSenderGoesOnOnceRoomIsGivenBack() throws Exception {
        DeliveryBudget patient = new DeliveryBudget(1_000, Duration.ofSeconds(30));

        assertWaitsUntilRoomIsGivenBack(patient, patient::take, Thread.State.TIMED_WAITING);
    }

    @Test
    void aSenderThatMustNotGiveUpWaitsPastTheWaitUntilRoomIsGivenBack() throws Exception {
        // Waiting without a time limit, where take gives up after 20 ms.
        assertWaitsUntilRoomIsGivenBack(budget, budget::takeWhenFree, Thread.State.WAITING);
    }

    /**
     * Fills the budget, has another thread take 300 bytes of it through {@code take}, sees that thread wait (in
     * {@code state}), gives the room back and sees the taking go on.
     */
    private static void assertWaitsUntilRoomIsGivenBack(DeliveryBudget budget, IntUnaryOperator take, Thread.State state) throws Exception {
        int first = budget.take(1_000);
        AtomicReference<Thread> sender = new AtomicReference<>();
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            sender.set(Thread.currentThread());
            return take.applyAsInt(300);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.get() != null && sender.get().getState() == state);

        assertThat(waiting).isNotDone();
        budget.release(first);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(300);
    }

    @Test
    void whatIsTakenIsUnacknowledgedUntilGivenBack() {
        int first = budget.take(600);
        budget.take(5_000 - 4_700);

        assertThat(budget.unacknowledged()).isEqualTo(900);
        budget.release(first);
        assertThat(budget.unacknowledged()).isEqualTo(300);
    }

    @Test
    void aBudgetOfNothingIsRefused() {
        assertThatThrownBy(() -> new DeliveryBudget(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("portwatch.alert.dead-letters.unacknowledged-bytes (0) must be positive");
    }

    @Test
    void aDeadLetterLargerThanTheBudgetTakesAllOfItAndAnEmptyOneAByte() {
        assertThat(budget.take(5_000)).isEqualTo(1_000);
        assertThatThrownBy(() -> budget.take(0)).isInstanceOf(IllegalStateException.class);
        budget.release(1_000);
        assertThat(budget.take(0)).isEqualTo(1);
    }
}
