package io.portwatch.alert.deadletter;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which dead letters Kafka did not take hold their listener batch back (a failure for now, sent again) and which are
 * counted as lost (a refusal for good): SmallRye's Kafka sink nacks with the producer's exception, wrapped once its
 * retries are exhausted.
 */
class RetriableRefusalTest {

    @Test
    void aFailureForNowIsFoundWhereverItIsWrapped() {
        assertThat(DeadLetters.retriable(new TimeoutException("Expiring 1 record(s)"))).isTrue();
        assertThat(DeadLetters.retriable(new IllegalStateException("Retries exhausted", new TimeoutException("Expiring 1 record(s)"))))
                .isTrue();
    }

    @Test
    void theUnsettledAreThoseThatFailedForNowAndThoseNotDone() {
        CompletableFuture<Void> acknowledged = CompletableFuture.completedFuture(null);
        CompletableFuture<Void> forNow = CompletableFuture.failedFuture(new TimeoutException("Topic not present in metadata"));
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        Map<Integer, CompletableFuture<Void>> letters = new LinkedHashMap<>();
        letters.put(1, acknowledged);
        letters.put(2, forNow);
        letters.put(3, waiting);

        assertThat(DeadLetters.unsettled(letters)).containsExactly(Map.entry(2, forNow), Map.entry(3, waiting));
    }

    @Test
    void anUnforeseenFailureIsNotSentAgain() {
        Map<Integer, CompletableFuture<Void>> letters = Map.of(1, CompletableFuture.failedFuture(new IllegalStateException("unforeseen")));

        assertThatThrownBy(() -> DeadLetters.unsettled(letters)).isInstanceOf(IllegalStateException.class)
                .hasMessage("a dead letter was not delivered: unforeseen");
    }

    @Test
    void aRefusalForGoodIsNotRetried() {
        assertThat(DeadLetters.retriable(new RecordTooLargeException("The message is 8820 bytes when serialized"))).isFalse();
        assertThat(DeadLetters.retriable(new IllegalStateException("SRMSG00034", new RecordTooLargeException("too large")))).isFalse();
    }
}
