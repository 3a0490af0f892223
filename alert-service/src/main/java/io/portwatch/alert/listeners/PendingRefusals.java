package io.portwatch.alert.listeners;

import io.portwatch.alert.database.SqlArrays;
import io.portwatch.alert.deadletter.DeadLetters;
import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The listener records PostgreSQL refused whose dead letters Kafka has not taken yet ({@code listener_refused_record},
 * V18). {@link StoreAttempts} writes each such record before the rest of its batch is stored, which moves its
 * partition's stored position ({@link ListenerPositions}) past it; {@link RefusedRecords} deletes it once Kafka takes
 * its dead letter. A batch read again before its offsets were committed (the service crashed or stopped while Kafka
 * was away, or a rebalance moved the partition) would otherwise pass such a record as stored and never dead-letter
 * it: {@link #refuseAgain} refuses it again, for the reason kept, before the batch is judged. What the table holds
 * for this instance's partitions is read once after each assignment, on the storing thread, and held in memory, as
 * is where the records this instance keeps were read: a batch without such records costs no query for it. A row stays until its record's dead
 * letter is taken, or until its record is found gone: below its partition's first offset at an assignment (past the
 * topic's retention), or another record at its offset (the topic created again). That dead letter is lost: counted and
 * logged as one Kafka did not take ({@link DeadLetters#listenerLost}), and the row deleted. A record read again that
 * the gate now refuses as read (a signature's check, its probe revoked meanwhile) keeps the gate's reason but is
 * returned with those refused again: it is dead-lettered however far its partition's dead-letter position has moved.
 */
@ApplicationScoped
class PendingRefusals {

    /** The listener partitions held after a rebalance, and the first offset of each (those the broker told). */
    private record Assignment(Set<Integer> partitions, Map<Integer, Long> firstOffsets) {

        /** Whether this position's record is gone from the topic: it is below its partition's first offset. */
        boolean gone(ListenerPosition position) {
            Long first = firstOffsets.get(position.partition());
            return first != null && position.offset() < first;
        }
    }

    /** A kept record's place: its partition and offset. */
    private record Slot(int partition, long offset) {
        static Slot of(ListenerPosition position) {
            return new Slot(position.partition(), position.offset());
        }
    }

    /** A kept record: its timestamp, which tells it from another record at its offset, and why it was refused. */
    private record Kept(long timestamp, String reason) {
    }

    private final EntityManager entityManager;
    private final DeadLetters deadLetters;
    /** The last rebalance's assignment, until {@link #refuseAgain} reads the refused records of its partitions. */
    private final AtomicReference<Assignment> assigned = new AtomicReference<>();
    /**
     * The kept records of the partitions held, by where they were read, as read after the last assignment; read and
     * changed on the storing thread, as {@link #kept} is.
     */
    private final Map<Slot, Kept> held = new HashMap<>();
    /** Where the records this instance kept since it started were read, until their dead letters are taken. */
    private final Set<ListenerPosition> kept = new HashSet<>();

    public PendingRefusals(EntityManager entityManager, DeadLetters deadLetters) {
        this.entityManager = entityManager;
        this.deadLetters = deadLetters;
    }

    /**
     * The listener partitions this instance holds now, after a rebalance: their refused records are read before the
     * next batch is judged. Called on the polling thread; never waits.
     *
     * @param firstOffsets the first offset of each partition (those the broker told): kept records below it are gone
     */
    void partitionsAssigned(Set<Integer> partitions, Map<Integer, Long> firstOffsets) {
        assigned.set(new Assignment(Set.copyOf(partitions), Map.copyOf(firstOffsets)));
    }

    /**
     * Refuses again, for the reason they were refused, the records of a batch that PostgreSQL refused before and whose
     * dead letters Kafka has not taken; returns their indexes, in order. Reads the table first after a rebalance (a
     * transaction of its own). Kept records found gone (below their partition's first offset, or another record at
     * their offset) are deleted, and their dead letters counted and logged as lost. A kept record the gate refused as
     * read is returned too, with the gate's reason.
     *
     * @throws RuntimeException when PostgreSQL cannot be read or written (to try again: nothing was refused)
     */
    List<Integer> refuseAgain(List<ListenerRecord> values) {
        Assignment assignment = assigned.get();
        if (assignment != null) {
            readAfter(assignment);
            assigned.compareAndSet(assignment, null);
        }
        if (held.isEmpty()) {
            return List.of();
        }
        Map<Integer, String> again = new LinkedHashMap<>();
        Map<ListenerPosition, String> replaced = new HashMap<>();
        for (int index = 0; index < values.size(); index++) {
            ListenerPosition position = values.get(index).position().orElse(null);
            Kept known = position == null ? null : held.get(Slot.of(position));
            if (known == null) {
                continue;
            }
            if (known.timestamp() == position.timestamp()) {
                again.put(index, known.reason()); // one the gate refused as read keeps the gate's reason
            } else {
                replaced.put(new ListenerPosition(position.partition(), position.offset(), known.timestamp()), known.reason());
            }
        }
        // Before any record is refused: when the deletion fails, the whole call is made again.
        lost(replaced, "another record is at its offset (the topic was created again)");
        again.forEach((index, reason) -> values.get(index).refuse(reason));
        if (!again.isEmpty()) {
            Log.warnf("%d kept listener records are read again, their dead letters not taken: refused again",
                    again.size());
        }
        return List.copyOf(again.keySet());
    }

    /**
     * Keeps these refused records (those read from Kafka) until their dead letters are taken, in a transaction of its
     * own: to call before the rest of their batch is stored. The reason is kept escaped and cut, as dead letters carry it.
     * Known here too: {@link #deadLettered} deletes only rows it knows of, so a batch without such records costs no query.
     */
    void remember(Collection<ListenerRecord> refused) {
        Map<ListenerPosition, String> reasons = new HashMap<>();
        refused.forEach(record -> record.position().ifPresent(position -> reasons.put(position,
                ControlCharacters.escapeAndCut(record.malformed().orElseThrow(), ContractLimits.EVIDENCE_TEXT))));
        if (reasons.isEmpty()) {
            return;
        }
        List<ListenerPosition> positions = List.copyOf(reasons.keySet());
        QuarkusTransaction.requiringNew().run(() -> entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO listener_refused_record"
                    + " (partition, record_offset, record_time, reason)"
                    + " SELECT * FROM unnest(?::int8[]::integer[], ?::int8[], ?::int8[], ?::text[])"
                    + " ON CONFLICT (partition, record_offset) DO UPDATE SET record_time = EXCLUDED.record_time, reason = EXCLUDED.reason")) {
                bindPositions(connection, insert, positions);
                SqlArrays.bindText(connection, insert, 4, positions, reasons::get);
                insert.executeUpdate();
            }
        }));
        kept.addAll(positions);
    }

    /**
     * Forgets those of these refused records (where they were read), their dead letters taken, that are kept: read after
     * the last assignment, or kept by this instance (in a transaction of its own; none of them, no query).
     */
    void deadLettered(Collection<ListenerPosition> positions) {
        List<ListenerPosition> forgotten = positions.stream().filter(position -> holds(position) || kept.contains(position))
                .toList();
        if (forgotten.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> delete(forgotten));
        forgotten.forEach(this::forget);
    }

    /**
     * Reads the kept records of an assignment's partitions into {@link #held}, but those gone from the topic, which are
     * deleted and counted as lost.
     */
    private void readAfter(Assignment assignment) {
        Map<ListenerPosition, String> read = QuarkusTransaction.requiringNew().call(() -> read(assignment.partitions()));
        held.clear();
        read.forEach((position, reason) -> held.put(Slot.of(position), new Kept(position.timestamp(), reason)));
        Map<ListenerPosition, String> gone = new HashMap<>();
        read.forEach((position, reason) -> {
            if (assignment.gone(position)) {
                gone.put(position, reason);
            }
        });
        lost(gone, "it is gone from the topic (below its partition's first offset: past the topic's retention)");
        if (!held.isEmpty()) {
            Log.warnf("%d listener records the database refused are kept for partitions %s, their dead letters not taken:"
                    + " refused again when read", held.size(), assignment.partitions());
        }
    }

    /**
     * Deletes these kept records, gone from the topic (in a transaction of its own), then counts and logs each one's
     * dead letter as lost, with why it was refused.
     */
    private void lost(Map<ListenerPosition, String> records, String why) {
        if (records.isEmpty()) {
            return;
        }
        // Counted by the instance whose deletion took the row: another may have taken it first (its dead letter sent
        // from memory, or the same row read by both sides of a rebalance).
        List<ListenerPosition> deleted = QuarkusTransaction.requiringNew().call(() -> delete(List.copyOf(records.keySet())));
        records.keySet().forEach(this::forget);
        deleted.forEach(position -> deadLetters.listenerLost(position.partition(), position.offset(),
                why + "; it was refused: " + records.get(position)));
    }

    private boolean holds(ListenerPosition position) {
        Kept known = held.get(Slot.of(position));
        return known != null && known.timestamp() == position.timestamp();
    }

    private void forget(ListenerPosition position) {
        if (holds(position)) {
            held.remove(Slot.of(position));
        }
        kept.remove(position);
    }

    /** Deletes these kept records; returns those that were there. */
    private List<ListenerPosition> delete(List<ListenerPosition> positions) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM listener_refused_record r"
                    + " USING unnest(?::int8[]::integer[], ?::int8[], ?::int8[]) AS d(partition, record_offset, record_time)"
                    + " WHERE r.partition = d.partition AND r.record_offset = d.record_offset AND r.record_time = d.record_time"
                    + " RETURNING r.partition, r.record_offset, r.record_time")) {
                bindPositions(connection, delete, positions);
                List<ListenerPosition> deleted = new ArrayList<>();
                try (ResultSet rows = delete.executeQuery()) {
                    while (rows.next()) {
                        deleted.add(new ListenerPosition(rows.getInt(1), rows.getLong(2), rows.getLong(3)));
                    }
                }
                return deleted;
            }
        });
    }

    private Map<ListenerPosition, String> read(Set<Integer> partitions) {
        Map<ListenerPosition, String> read = new HashMap<>();
        if (partitions.isEmpty()) {
            return read;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT partition, record_offset, record_time, reason"
                    + " FROM listener_refused_record WHERE partition = ANY(?::int8[]::integer[])")) {
                SqlArrays.bindLongs(connection, select, 1, partitions);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        read.put(new ListenerPosition(rows.getInt(1), rows.getLong(2), rows.getLong(3)), rows.getString(4));
                    }
                }
            }
        });
        return read;
    }

    private static void bindPositions(Connection connection, PreparedStatement statement, Collection<ListenerPosition> positions)
            throws SQLException {
        SqlArrays.bindLongs(connection, statement, 1, positions, ListenerPosition::partition);
        SqlArrays.bindLongs(connection, statement, 2, positions, ListenerPosition::offset);
        SqlArrays.bindLongs(connection, statement, 3, positions, ListenerPosition::timestamp);
    }
}
