package io.portwatch.registry.outbox;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.registry.jdbc.Jdbc;
import io.portwatch.registry.jdbc.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code knowledge_outbox} table: records queued for the knowledge topic in the transaction of their change. */
@ApplicationScoped
public class OutboxStore {

    /** Key of the advisory lock that lets one replica at a time relay the outbox. */
    private static final long RELAY_LOCK = 0x706f72747761L;
    /** Key of the advisory lock that makes writers take outbox ids in commit order. */
    private static final long WRITE_LOCK = 0x706f72747762L;
    /** Length of the {@code park_reason} column. */
    private static final int MAX_REASON = 1_000;

    private final Jdbc jdbc;

    public OutboxStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues knowledge for the knowledge topic. Writers take a
     * lock held to their commit, so a smaller outbox id never commits after a larger one and the
     * relay can never pass over a row that was not yet visible.
     */
    public void enqueue(List<OutboxEntry> entries) {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", statement -> statement.setLong(1, WRITE_LOCK), row -> null);
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batch("INSERT INTO knowledge_outbox (port_key, version, payload, created_at) VALUES (?, ?, ?::jsonb, ?)", entries,
                (statement, entry) -> {
                    statement.setString(1, entry.knowledge().key().toString());
                    statement.setLong(2, entry.knowledge().version());
                    statement.setString(3, JsonColumns.write(entry.knowledge()));
                    statement.setTimestamp(4, now);
                });
    }

    /** The oldest queued rows that are not parked, at most {@code limit}, in commit order. */
    public List<QueuedRecord> queued(int limit) {
        return jdbc.query("SELECT id, port_key, version, payload FROM knowledge_outbox WHERE parked_at IS NULL ORDER BY id LIMIT ?",
                statement -> statement.setInt(1, limit),
                row -> new QueuedRecord(row.getLong(1), PortKey.parse(row.getString(2)),
                        row.getLong(3), row.getString(4)));
    }

    /** Removes the rows up to an id, once the broker has them; parked rows stay. */
    public void dequeueUpTo(long id) {
        jdbc.update("DELETE FROM knowledge_outbox WHERE id <= ? AND parked_at IS NULL", statement -> statement.setLong(1, id));
    }

    /** Parks a row the broker will not take, with the reason, so the rows behind it go out. */
    public void park(long id, String reason) {
        jdbc.update("UPDATE knowledge_outbox SET parked_at = ?, park_reason = ? WHERE id = ?", statement -> {
            statement.setTimestamp(1, Timestamp.from(Instant.now()));
            statement.setString(2, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
            statement.setLong(3, id);
        });
    }

    /** The parked rows' ids, oldest first. */
    public List<Long> parked() {
        return jdbc.query("SELECT id FROM knowledge_outbox WHERE parked_at IS NOT NULL ORDER BY id", statement -> { },
                row -> row.getLong(1));
    }

    /** The largest outbox id ever handed out (0 before the first): no record the relay sent can carry a larger one. */
    public long lastIssuedId() {
        return jdbc.single("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM knowledge_outbox_id_seq", statement -> { },
                row -> row.getLong(1));
    }

    /** The id of the topic that holds everything this database knows, if one was recorded. */
    public Optional<String> publishedTopicId(String topic) {
        return jdbc.query("SELECT topic_id FROM knowledge_topic WHERE name = ?", statement -> statement.setString(1, topic),
                row -> row.getString(1)).stream().findFirst();
    }

    /** Records the id of the topic that holds (or is being sent) everything this database knows. */
    public void recordPublishedTopicId(String topic, String topicId) {
        jdbc.update("INSERT INTO knowledge_topic (name, topic_id) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET topic_id = EXCLUDED.topic_id",
                statement -> {
                    statement.setString(1, topic);
                    statement.setString(2, topicId);
                });
    }

    /** How many records wait to be sent (parked ones do not). */
    public long size() {
        return jdbc.single("SELECT count(*) FROM knowledge_outbox WHERE parked_at IS NULL", statement -> { }, row -> row.getLong(1));
    }

    /** Takes the relay's transaction-scoped lock; false when another replica holds it. */
    public boolean tryRelayLock() {
        return jdbc.single("SELECT pg_try_advisory_xact_lock(?)", statement -> statement.setLong(1, RELAY_LOCK),
                row -> row.getBoolean(1));
    }
}
