package io.portwatch.alert.listeners;

import io.portwatch.alert.database.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How far correlation has stored each listener partition ({@code listener_position}, V12), kept in the
 * transaction that stores a batch's findings: a record at or past a partition's position has not been stored;
 * one below it (and no newer than the newest record stored there) has, and a batch consumed again, after a crash
 * between the store's commit and the commit of the consumer's offsets, changes nothing. Positions are read with
 * their rows locked, so two instances briefly holding one partition (a rebalance) store it one after the other,
 * the second past what the first stored. Records that were not read from Kafka (they carry no position) are
 * always stored. How far each partition's refused records were dead-lettered is kept apart
 * ({@code listener_dead_letter_position}, V17), the same way, moved once Kafka has taken a batch's dead letters.
 */
@ApplicationScoped
class ListenerPositions {

    /** A partition's position: the offset after the last record stored, and the newest record timestamp stored. */
    private record Position(long nextOffset, long latest) {

        boolean stored(ListenerPosition record) {
            return record.offset() < nextOffset && record.timestamp() <= latest;
        }
    }

    private static final String STORED = "listener_position";
    private static final String DEAD_LETTERED = "listener_dead_letter_position";

    private final EntityManager entityManager;

    public ListenerPositions(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * The items whose records have not been stored yet, in order (locking their partitions' positions until the
     * transaction ends); {@code positionOf} gives an item's position, or null when it has none.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> List<T> unstored(List<T> items, Function<T, ListenerPosition> positionOf) {
        return notBelow(STORED, items, positionOf, true);
    }

    /**
     * Of refused records (items), those not dead-lettered yet, in order, read in a transaction of their own; as
     * {@link #unstored}, {@code positionOf} gives an item's position, or null when it has none (never dead-lettered
     * before).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> List<T> notDeadLettered(List<T> items, Function<T, ListenerPosition> positionOf) {
        return notBelow(DEAD_LETTERED, items, positionOf, false);
    }

    /** Moves each partition's position past these records, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(Collection<ListenerPosition> records) {
        movePast(STORED, records);
    }

    /** Moves each partition's dead-letter position past these refused records, in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void deadLettered(Collection<ListenerPosition> records) {
        movePast(DEAD_LETTERED, records);
    }

    /**
     * The items not below their partitions' positions in {@code table}, in order; with {@code lock}, the positions'
     * rows stay locked until the transaction ends.
     */
    private <T> List<T> notBelow(String table, List<T> items, Function<T, ListenerPosition> positionOf, boolean lock) {
        List<Integer> partitions = items.stream().map(positionOf).filter(Objects::nonNull).map(ListenerPosition::partition)
                .distinct().sorted().toList();
        if (partitions.isEmpty()) {
            return items;
        }
        Map<Integer, Position> positions = new HashMap<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement read = connection.prepareStatement("SELECT partition, next_offset, latest FROM " + table
                    + " WHERE partition = ANY(?::int8[]::integer[]) ORDER BY partition" + (lock ? " FOR UPDATE" : ""))) {
                SqlArrays.bindLongs(connection, read, 1, partitions);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        positions.put(rows.getInt(1), new Position(rows.getLong(2), rows.getLong(3)));
                    }
                }
            }
        });
        return items.stream().filter(item -> {
            ListenerPosition position = positionOf.apply(item);
            return position == null || !positions.containsKey(position.partition())
                    || !positions.get(position.partition()).stored(position);
        }).toList();
    }

    private void movePast(String table, Collection<ListenerPosition> records) {
        Map<Integer, Position> past = new TreeMap<>();
        records.stream().filter(Objects::nonNull).forEach(record -> past.merge(record.partition(),
                new Position(record.offset() + 1, record.timestamp()),
                (a, b) -> new Position(Math.max(a.nextOffset(), b.nextOffset()), Math.max(a.latest(), b.latest()))));
        if (past.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + table + " AS known (partition, next_offset, latest)"
                    + " SELECT * FROM unnest(?::int8[]::integer[], ?::int8[], ?::int8[])"
                    + " ON CONFLICT (partition) DO UPDATE SET"
                    + " next_offset = GREATEST(known.next_offset, EXCLUDED.next_offset),"
                    + " latest = GREATEST(known.latest, EXCLUDED.latest)")) {
                SqlArrays.bindLongs(connection, upsert, 1, past.keySet());
                SqlArrays.bindLongs(connection, upsert, 2, past.values(), Position::nextOffset);
                SqlArrays.bindLongs(connection, upsert, 3, past.values(), Position::latest);
                upsert.executeUpdate();
            }
        });
    }
}
