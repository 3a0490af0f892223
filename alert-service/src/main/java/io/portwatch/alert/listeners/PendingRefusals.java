package io.portwatch.alert.listeners;

import io.portwatch.alert.database.SqlArrays;
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
 * letter is taken: one whose record can no longer be read (past the topic's retention, or a topic created again) stays
 * until deleted by hand (how many were read is logged at the first batch after each assignment).
 */
@ApplicationScoped
class PendingRefusals {

    private final EntityManager entityManager;
    /** The listener partitions of the last rebalance, until {@link #refuseAgain} reads their refused records. */
    private final AtomicReference<Set<Integer>> assigned = new AtomicReference<>();
    /**
     * The kept records of the partitions held, by where they were read, as read after the last assignment; read and
     * changed on the storing thread, as {@link #kept} is.
     */
    private final Map<ListenerPosition, String> held = new HashMap<>();
    /** Where the records this instance kept since it started were read, until their dead letters are taken. */
    private final Set<ListenerPosition> kept = new HashSet<>();

    public PendingRefusals(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * The listener partitions this instance holds now, after a rebalance: their refused records are read before the
     * next batch is judged. Called on the polling thread; never waits.
     */
    void partitionsAssigned(Set<Integer> partitions) {
        assigned.set(Set.copyOf(partitions));
    }

    /**
     * Refuses again, for the reason they were refused, the records of a batch that PostgreSQL refused before and whose
     * dead letters Kafka has not taken; returns their indexes, in order. Reads the table first after a rebalance (a
     * transaction of its own).
     *
     * @throws RuntimeException when PostgreSQL cannot be read after a rebalance (to try again: nothing was refused)
     */
    List<Integer> refuseAgain(List<ListenerRecord> values) {
        Set<Integer> partitions = assigned.get();
        if (partitions != null) {
            Map<ListenerPosition, String> read = QuarkusTransaction.requiringNew().call(() -> read(partitions));
            held.clear();
            held.putAll(read);
            assigned.compareAndSet(partitions, null);
            if (!held.isEmpty()) {
                Log.warnf("%d listener records the database refused are kept for partitions %s, their dead letters not taken:"
                        + " refused again when read", held.size(), partitions);
            }
        }
        if (held.isEmpty()) {
            return List.of();
        }
        List<Integer> again = new ArrayList<>();
        for (int index = 0; index < values.size(); index++) {
            ListenerRecord value = values.get(index);
            String reason = value.position().map(held::get).orElse(null);
            if (reason != null && value.malformed().isEmpty()) {
                value.refuse(reason);
                again.add(index);
            }
        }
        if (!again.isEmpty()) {
            Log.warnf("%d listener records the database refused before are read again, their dead letters not taken: refused again",
                    again.size());
        }
        return again;
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
        List<ListenerPosition> forgotten = positions.stream().filter(position -> held.containsKey(position) || kept.contains(position))
                .toList();
        if (forgotten.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM listener_refused_record r"
                    + " USING unnest(?::int8[]::integer[], ?::int8[], ?::int8[]) AS d(partition, record_offset, record_time)"
                    + " WHERE r.partition = d.partition AND r.record_offset = d.record_offset AND r.record_time = d.record_time")) {
                bindPositions(connection, delete, forgotten);
                delete.executeUpdate();
            }
        }));
        forgotten.forEach(position -> {
            held.remove(position);
            kept.remove(position);
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
