package io.portwatch.alert.listeners;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead-letter position of a listener partition: records below it (offset and timestamp) were dead-lettered,
 * records at or past it, or newer than anything dead-lettered (a topic created again), were not; and it is apart from
 * the stored position, which a batch's store moves past its refused records before their dead letters are sent.
 */
@QuarkusTest
class DeadLetterPositionsTest {

    /** Partitions no listener record of the suite's topic has (it has 6). */
    private static final int PARTITION = 1_000_000 + (int) (System.nanoTime() % 1_000_000);

    @Inject
    ListenerPositions positions;

    @BeforeEach
    void schemaMigrated() {
        // The schema is migrated in the background after the start: the service is ready once it is.
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void recordsBelowTheDeadLetterPositionWereDeadLetteredAndNoOthers() {
        long at = 1_000_000L;
        positions.deadLettered(List.of(new ListenerPosition(PARTITION, 4, at), new ListenerPosition(PARTITION, 7, at + 5)));

        ListenerPosition before = new ListenerPosition(PARTITION, 3, at);
        ListenerPosition last = new ListenerPosition(PARTITION, 7, at + 5);
        ListenerPosition next = new ListenerPosition(PARTITION, 8, at + 6);
        ListenerPosition recreated = new ListenerPosition(PARTITION, 2, at + 60_000);
        ListenerPosition elsewhere = new ListenerPosition(PARTITION + 1, 0, at);
        assertThat(positions.notDeadLettered(Arrays.asList(before, last, next, recreated, elsewhere, null), position -> position))
                .as("past the position, newer than it (the topic created again), on another partition, or not read from Kafka")
                .containsExactly(next, recreated, elsewhere, null);
    }

    @Test
    void theDeadLetterPositionOnlyMovesForward() {
        long at = 2_000_000L;
        positions.deadLettered(List.of(new ListenerPosition(PARTITION + 2, 9, at)));
        positions.deadLettered(List.of(new ListenerPosition(PARTITION + 2, 5, at - 10)));

        assertThat(positions.notDeadLettered(List.of(new ListenerPosition(PARTITION + 2, 9, at)), position -> position))
                .as("the later position stands").isEmpty();
    }

    @Test
    void storingRecordsDoesNotMarkThemDeadLettered() {
        long at = 3_000_000L;
        ListenerPosition refused = new ListenerPosition(PARTITION + 3, 2, at);
        QuarkusTransaction.requiringNew().run(() -> positions.advance(List.of(new ListenerPosition(PARTITION + 3, 5, at + 1))));

        assertThat(positions.notDeadLettered(List.of(refused), position -> position)).containsExactly(refused);
        assertThat(QuarkusTransaction.requiringNew().call(() -> positions.unstored(List.of(refused), position -> position)))
                .as("stored, by the stored position").isEmpty();
    }
}
