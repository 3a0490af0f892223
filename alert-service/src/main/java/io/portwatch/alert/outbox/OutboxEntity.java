package io.portwatch.alert.outbox;

import io.portwatch.alert.database.SqlArrays;
import io.portwatch.alert.database.Untracked;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.Session;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A row of {@code alert_outbox}: one finding change, to send to each of its alert topics. Written by {@link #insert},
 * all of a transaction's rows in one statement; read back (by the sweeper) as an entity.
 */
@Entity
@Table(name = "alert_outbox")
public class OutboxEntity extends PanacheEntityBase {

    /**
     * All of a transaction's rows in one statement, each with its own value of {@code alert_outbox_seq} as its id (the
     * sequence goes up by 500: an instance of a version that still takes blocks of 500 ids from it, each ending at
     * the value it drew, never meets these).
     */
    private static final String INSERT = "INSERT INTO alert_outbox"
            + " (id, topics, record_key, version, ce_type, severity, payload, event_time, created_at)"
            + " SELECT nextval('alert_outbox_seq'), string_to_array(r.topics, ' ')::varchar(249)[], r.record_key, r.version,"
            + " r.ce_type, r.severity, r.payload, " + SqlArrays.timestamptz("r.event_time") + ", " + SqlArrays.timestamptz("r.created_at")
            + " FROM unnest(?::text[], ?::text[], ?::int8[], ?::text[], ?::text[], ?::bytea[], ?::int8[], ?::int8[])"
            + " AS r(topics, record_key, version, ce_type, severity, payload, event_time, created_at)"
            + " RETURNING id, record_key, version";

    @Id
    public Long id;

    /** portwatch.alerts, then the topics of the routes the change matches. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> topics = new ArrayList<>();

    @Column(name = "record_key")
    public String key;

    public long version;

    @Column(name = "ce_type")
    public String cloudEventType;

    public String severity;

    /** The finding event, as the UTF-8 JSON bytes sent. */
    public byte[] payload;

    @Column(name = "event_time")
    public Instant eventTime;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When the row was parked because the broker refuses it for good, or null. */
    @Column(name = "parked_at")
    public Instant parkedAt;

    /** Why the broker refuses it, or null. */
    @Column(name = "park_reason")
    public String parkReason;

    /** A new row to stage with {@link #insert}, which Hibernate will not manage ({@link Untracked}). */
    public static OutboxEntity detached() {
        return Untracked.of(new OutboxEntity());
    }

    /**
     * The oldest {@code limit} unparked rows created before a time: what a crashed run left behind, not what a
     * live one is sending.
     */
    public static List<OutboxEntity> createdBefore(Instant time, int limit) {
        return find("parkedAt is null and createdAt < ?1 order by id", time).page(0, limit).list();
    }

    /**
     * Inserts new rows (their ids unset) in the caller's transaction, in one statement, and sets their ids. A
     * transaction's rows are changes of distinct finding versions: the key and version tell each row's id.
     */
    public static void insert(List<OutboxEntity> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, OutboxEntity> byChange = new HashMap<>();
        rows.forEach(row -> byChange.put(row.key + "@" + row.version, row));
        if (byChange.size() != rows.size()) {
            throw new IllegalArgumentException("outbox rows of the same finding version");
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                // Kafka topic names have no spaces ([a-zA-Z0-9._-]): a row's topics travel as one string.
                SqlArrays.bindText(connection, insert, 1, rows, row -> String.join(" ", row.topics));
                SqlArrays.bindText(connection, insert, 2, rows, row -> row.key);
                SqlArrays.bindLongs(connection, insert, 3, rows, row -> row.version);
                SqlArrays.bindText(connection, insert, 4, rows, row -> row.cloudEventType);
                SqlArrays.bindText(connection, insert, 5, rows, row -> row.severity);
                SqlArrays.bindBytes(connection, insert, 6, rows, row -> row.payload);
                SqlArrays.bindInstants(connection, insert, 7, rows, row -> row.eventTime);
                SqlArrays.bindInstants(connection, insert, 8, rows, row -> row.createdAt);
                try (ResultSet inserted = insert.executeQuery()) {
                    while (inserted.next()) {
                        byChange.get(inserted.getString(2) + "@" + inserted.getLong(3)).id = inserted.getLong(1);
                    }
                }
            }
        });
    }

    /** Parks a row the broker refuses for good. */
    public static void park(long id, String reason, Instant now) {
        update("parkedAt = ?1, parkReason = ?2 where id = ?3", now, reason, id);
    }

    /** Deletes sent rows, in one statement (the ids bound as one array). */
    public static void deleteSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM alert_outbox WHERE id = ANY(?::int8[])")) {
                SqlArrays.bindLongs(connection, delete, 1, ids);
                delete.executeUpdate();
            }
        });
    }
}
