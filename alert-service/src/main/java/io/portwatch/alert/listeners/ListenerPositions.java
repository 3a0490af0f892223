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
 * always stored.
 */
@ApplicationScoped
class ListenerPositions {

    /** A partition's position: the offset after the last record stored, and the newest record timestamp stored. */
    private record Position(long nextOffset, long latest) {

        boolean stored(ListenerPosition record) {
            return record.offset() < nextOffset && record.timestamp() <= latest;
        }
    }

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
        List<Integer> partitions = items.stream().map(positionOf).filter(Objects::nonNull).map(ListenerPosition::partition)
                .distinct().sorted().toList();
        if (partitions.isEmpty()) {
            return items;
        }
        Map<Integer, Position> positions = new HashMap<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement read = connection.prepareStatement("SELECT partition, next_offset, latest FROM listener_position"
                    + " WHERE partition = ANY(?::int8[]::integer[]) ORDER BY partition FOR UPDATE")) {
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

    /** Moves each partition's position past these records, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(Collection<ListenerPosition> records) {
        Map<Integer, Position> past = new TreeMap<>();
        records.stream().filter(Objects::nonNull).forEach(record -> past.merge(record.partition(),
                new Position(record.offset() + 1, record.timestamp()),
                (a, b) -> new Position(Math.max(a.nextOffset(), b.nextOffset()), Math.max(a.latest(), b.latest()))));
        if (past.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO listener_position (partition, next_offset, latest)"
                    + " SELECT * FROM unnest(?::int8[]::integer[], ?::int8[], ?::int8[])"
                    + " ON CONFLICT (partition) DO UPDATE SET"
                    + " next_offset = GREATEST(listener_position.next_offset, EXCLUDED.next_offset),"
                    + " latest = GREATEST(listener_position.latest, EXCLUDED.latest)")) {
                SqlArrays.bindLongs(connection, upsert, 1, past.keySet());
                SqlArrays.bindLongs(connection, upsert, 2, past.values().stream().map(Position::nextOffset).toList());
                SqlArrays.bindLongs(connection, upsert, 3, past.values().stream().map(Position::latest).toList());
                upsert.executeUpdate();
            }
        });
    }
}
