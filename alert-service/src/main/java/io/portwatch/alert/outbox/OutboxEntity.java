package io.portwatch.alert.outbox;

import io.portwatch.alert.database.SqlArrays;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.Session;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A row of {@code alert_outbox}: one finding change, to send to each of its alert topics. */
@Entity
@Table(name = "alert_outbox")
public class OutboxEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_outbox_seq")
    @SequenceGenerator(name = "alert_outbox_seq", sequenceName = "alert_outbox_seq", allocationSize = 500)
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
    public String payload;

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

    /**
     * The oldest {@code limit} unparked rows created before a time: what a crashed run left behind, not what a
     * live one is sending.
     */
    public static List<OutboxEntity> createdBefore(Instant time, int limit) {
        return find("parkedAt is null and createdAt < ?1 order by id", time).page(0, limit).list();
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
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM alert_outbox WHERE id = ANY(?::text[]::bigint[])")) {
                SqlArrays.bindText(connection, delete, 1, ids);
                delete.executeUpdate();
            }
        });
    }
}
