package io.portwatch.alert.listeners;

import io.portwatch.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listener records the database refused, kept until their dead letters are taken: read again after an assignment,
 * each is refused again for its reason (escaped, as its dead letter carries it), a record at its offset with another
 * timestamp (the topic created again) is not, and once its dead letter is taken it is forgotten, by an instance that
 * kept it or read it. An instance of its
 * own, on partitions the suite's topic does not have: the service's consumer uses the bean.
 */
@QuarkusTest
class PendingRefusalsTest {

    private static final int PARTITION = 2_000_000 + (int) (System.nanoTime() % 1_000_000);
    private static final long AT = 1_700_000_000_000L;

    @Inject
    EntityManager entityManager;

    private final PolledRecords polled = new PolledRecords();

    @BeforeEach
    void schemaMigrated() {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void aKeptRecordIsRefusedAgainAfterAnAssignmentUntilItsDeadLetterIsTaken() {
        PendingRefusals pending = new PendingRefusals(entityManager);
        ListenerRecord refused = read(5, AT);
        refused.refuse("could not be stored: \u001b[2K refused");
        pending.remember(List.of(refused));

        ListenerRecord before = read(4, AT);
        ListenerRecord again = read(5, AT);
        ListenerRecord recreated = read(5, AT + 1);
        assertThat(pending.refuseAgain(List.of(before, again))).as("not read before an assignment").isEmpty();
        // An instance that neither kept it nor read it since does not delete it (nor query for it).
        new PendingRefusals(entityManager).deadLettered(List.of(again.position().orElseThrow()));
        pending.partitionsAssigned(Set.of(PARTITION));
        assertThat(pending.refuseAgain(List.of(before, again, recreated))).containsExactly(1);
        assertThat(again.malformed()).contains("could not be stored: \\x1B[2K refused");
        assertThat(before.malformed()).isEmpty();
        assertThat(recreated.malformed()).as("another record at its offset").isEmpty();

        pending.deadLettered(List.of(again.position().orElseThrow()));
        ListenerRecord third = read(5, AT);
        assertThat(pending.refuseAgain(List.of(third))).as("forgotten once its dead letter is taken").isEmpty();
        pending.partitionsAssigned(Set.of(PARTITION));
        assertThat(pending.refuseAgain(List.of(third))).as("and read so after the next assignment").isEmpty();
        assertThat(third.malformed()).isEmpty();
    }

    private ListenerRecord read(long offset, long timestamp) {
        byte[] value = "{}".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.LISTENERS, PARTITION, offset, timestamp,
                TimestampType.LOG_APPEND_TIME, 0, value.length, "host", value, new RecordHeaders(), Optional.empty());
        return polled.of("host", value).polledFrom(record);
    }
}
