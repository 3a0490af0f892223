package io.portwatch.alert.deadletter;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which dead letters Kafka did not take hold their listener batch back (a failure for now, read again) and which are
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
    void aRefusalForGoodIsNotRetried() {
        assertThat(DeadLetters.retriable(new RecordTooLargeException("The message is 8820 bytes when serialized"))).isFalse();
        assertThat(DeadLetters.retriable(new IllegalStateException("SRMSG00034", new RecordTooLargeException("too large")))).isFalse();
    }
}
