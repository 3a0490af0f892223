package io.portwatch.alert.outbox;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Acknowledged outbox rows wait until enough of them do, then all go at once, in the order acknowledged. */
class AcknowledgedRowsTest {

    @Test
    void fewerThanTheBoundStayAndAllGoOnceItIsReached() {
        AcknowledgedRows rows = new AcknowledgedRows();
        rows.add(List.of(3L, 1L));

        assertThat(rows.takeIfAtLeast(3)).as("two waiting, three needed").isEmpty();
        assertThat(rows.isEmpty()).isFalse();

        rows.add(List.of(2L));
        assertThat(rows.takeIfAtLeast(3)).containsExactly(3L, 1L, 2L);
        assertThat(rows.isEmpty()).isTrue();
        assertThat(rows.takeIfAtLeast(1)).as("taken once").isEmpty();
    }

    @Test
    void theIdleJobTakesEvenOneAndNothingWhenNoneWaits() {
        AcknowledgedRows rows = new AcknowledgedRows();
        assertThat(rows.takeIfAtLeast(1)).isEmpty();

        rows.add(List.of(7L));
        assertThat(rows.takeIfAtLeast(1)).containsExactly(7L);
    }

    @Test
    void idsGivenBackByATransactionThatFailedAreTakenAgain() {
        AcknowledgedRows rows = new AcknowledgedRows();
        rows.add(LongStream.rangeClosed(1, 2_000).boxed().toList());
        List<Long> taken = rows.takeIfAtLeast(2_000);
        assertThat(taken).hasSize(2_000);

        rows.add(List.of(2_001L));
        rows.add(taken);

        assertThat(rows.takeIfAtLeast(2_000)).hasSize(2_001).contains(1L, 2_000L, 2_001L);
    }
}
