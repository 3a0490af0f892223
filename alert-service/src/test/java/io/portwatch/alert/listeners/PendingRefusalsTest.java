package io.portwatch.alert.listeners;

import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.deadletter.DeadLetters;
import io.portwatch.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listener records the database refused, kept until their dead letters are taken: read again after an assignment,
 * each is refused again for its reason (escaped, as its dead letter carries it), and once its dead letter is taken it
 * is forgotten, by an instance that kept it or read it. One whose record is gone (below its partition's first offset
 * at an assignment, or another record at its offset: the topic created again) is deleted, and its dead letter counted
 * as lost; one the gate refuses as read when it is read again is returned with those refused again, to be
 * dead-lettered, with the gate's reason. A loss is counted once, by the instance whose deletion takes the row. An
 * instance of its own, on partitions the suite's topic does not have: the service's consumer uses the bean.
 */
@QuarkusTest
class PendingRefusalsTest {

    private static final long AT = 1_700_000_000_000L;

    @Inject
    EntityManager entityManager;

    @Inject
    DeadLetters deadLetters;

    @Inject
    MeterRegistry registry;

    private final PolledRecords polled = new PolledRecords();
    /** Each test's own (a new instance per test). */
    private final int partition = 2_000_000 + (int) (System.nanoTime() % 1_000_000);

    @BeforeEach
    void schemaMigrated() {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void aKeptRecordIsRefusedAgainAfterAnAssignmentUntilItsDeadLetterIsTaken() {
        PendingRefusals pending = new PendingRefusals(entityManager, deadLetters);
        double lostBefore = lost();
        ListenerRecord refused = read(5, AT);
        refused.refuse("could not be stored: \u001b[2K refused");
        pending.remember(List.of(refused));

        ListenerRecord before = read(4, AT);
        ListenerRecord again = read(5, AT);
        assertThat(pending.refuseAgain(List.of(before, again))).as("not read before an assignment").isEmpty();
        // An instance that neither kept it nor read it since does not delete it (nor query for it).
        new PendingRefusals(entityManager, deadLetters).deadLettered(List.of(again.position().orElseThrow()));
        pending.partitionsAssigned(Set.of(partition), Map.of(partition, 5L));
        assertThat(pending.refuseAgain(List.of(before, again))).containsExactly(1);
        assertThat(again.malformed()).contains("could not be stored: \\x1B[2K refused");
        assertThat(before.malformed()).isEmpty();

        pending.deadLettered(List.of(again.position().orElseThrow()));
        ListenerRecord third = read(5, AT);
        assertThat(pending.refuseAgain(List.of(third))).as("forgotten once its dead letter is taken").isEmpty();
        pending.partitionsAssigned(Set.of(partition), Map.of());
        assertThat(pending.refuseAgain(List.of(third))).as("and read so after the next assignment").isEmpty();
        assertThat(third.malformed()).isEmpty();
        assertThat(rows()).isZero();
        assertThat(lost()).as("no dead letter lost").isEqualTo(lostBefore);
    }

    @Test
    void aKeptRecordGoneFromTheTopicIsDeletedAndItsDeadLetterCountedAsLost() {
        PendingRefusals pending = new PendingRefusals(entityManager, deadLetters);
        ListenerRecord gone = read(3, AT);
        ListenerRecord replaced = read(9, AT);
        ListenerRecord pendingOne = read(7, AT);
        ListenerRecord refusedAsRead = read(8, AT);
        List.of(gone, replaced, pendingOne, refusedAsRead).forEach(record -> record.refuse("could not be stored"));
        pending.remember(List.of(gone, replaced, pendingOne, refusedAsRead));
        double lostBefore = lost();

        // The partition's first offset is 5: the record at 3 is gone; the one at 7 is read again.
        pending.partitionsAssigned(Set.of(partition), Map.of(partition, 5L));
        ListenerRecord seven = read(7, AT);
        ListenerRecord eight = read(8, AT);
        eight.refuse("a signature that does not verify");
        ListenerRecord other = read(9, AT + 1);
        assertThat(pending.refuseAgain(List.of(seven, eight, other))).as("the one refused as read too: dead-lettered however"
                + " far its dead-letter position moved").containsExactly(0, 1);
        assertThat(seven.malformed()).contains("could not be stored");
        assertThat(eight.malformed()).as("the gate's reason").contains("a signature that does not verify");
        assertThat(other.malformed()).as("another record at a kept one's offset: the topic was created again").isEmpty();
        assertThat(lost() - lostBefore).as("the dead letters of the records at 3 and 9, lost").isEqualTo(2.0);
        assertThat(rows()).as("the records at 7 and 8 are kept").isEqualTo(2);

        pending.deadLettered(List.of(seven.position().orElseThrow(), eight.position().orElseThrow()));
        assertThat(rows()).isZero();
        assertThat(lost() - lostBefore).isEqualTo(2.0);
    }

    @Test
    void aLostDeadLetterIsCountedOnceWhenTwoInstancesFindItGone() {
        PendingRefusals one = new PendingRefusals(entityManager, deadLetters);
        PendingRefusals other = new PendingRefusals(entityManager, deadLetters);
        ListenerRecord kept = read(3, AT);
        kept.refuse("could not be stored");
        one.remember(List.of(kept));
        double lostBefore = lost();

        // Both sides of a rebalance hold the row, then both read another record at its offset.
        one.partitionsAssigned(Set.of(partition), Map.of());
        other.partitionsAssigned(Set.of(partition), Map.of());
        assertThat(one.refuseAgain(List.of(read(6, AT)))).isEmpty();
        assertThat(other.refuseAgain(List.of(read(6, AT)))).isEmpty();
        assertThat(one.refuseAgain(List.of(read(3, AT + 1)))).isEmpty();
        assertThat(other.refuseAgain(List.of(read(3, AT + 1)))).isEmpty();
        assertThat(lost() - lostBefore).as("counted by the one whose deletion took the row").isEqualTo(1.0);
        assertThat(rows()).isZero();
    }

    /** The dead letters of listener records counted as lost so far. */
    private double lost() {
        return registry.get("portwatch.alert.dead.letters.undelivered").tag("topic", Topics.LISTENERS_DLQ).counter().count();
    }

    /** The kept records of this test's partition. */
    private long rows() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM listener_refused_record WHERE partition = ?1")
                .setParameter(1, partition).getSingleResult()).longValue());
    }

    private ListenerRecord read(long offset, long timestamp) {
        byte[] value = "{}".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.LISTENERS, partition, offset, timestamp,
                TimestampType.LOG_APPEND_TIME, 0, value.length, "host", value, new RecordHeaders(), Optional.empty());
        return polled.of("host", value).polledFrom(record);
    }
}
