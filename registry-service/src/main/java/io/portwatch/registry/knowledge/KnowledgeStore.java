package io.portwatch.registry.knowledge;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.registry.jdbc.Jdbc;
import io.portwatch.registry.jdbc.JsonColumns;
import io.portwatch.registry.outbox.OutboxEntry;
import io.portwatch.registry.outbox.OutboxStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@code port_knowledge} and {@code knowledge_history} tables. Every write records its history
 * and queues the new knowledge in the outbox, in the caller's transaction. Rows are never deleted, so
 * a transport/port's versions only grow.
 */
@ApplicationScoped
public class KnowledgeStore {

    private static final String COLUMNS = "port_key, iana, curation, version, updated_at";

    private final Jdbc jdbc;
    private final OutboxStore outbox;

    public KnowledgeStore(Jdbc jdbc, OutboxStore outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Every stored record. */
    public List<KnowledgeRecord> loadAll() {
        return jdbc.query("SELECT " + COLUMNS + " FROM port_knowledge ORDER BY port, transport", statement -> { },
                KnowledgeStore::record);
    }

    /** The records of the given keys (those that exist). */
    public List<KnowledgeRecord> load(Collection<PortKey> keys) {
        String[] texts = keys.stream().map(PortKey::toString).toArray(String[]::new);
        return jdbc.query("SELECT " + COLUMNS + " FROM port_knowledge WHERE port_key = ANY (?)",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("varchar", texts)),
                KnowledgeStore::record);
    }

    /** One record, locked until the transaction ends, so concurrent updates of it serialize. */
    public Optional<KnowledgeRecord> loadForUpdate(PortKey key) {
        return jdbc.query("SELECT " + COLUMNS + " FROM port_knowledge WHERE port_key = ? FOR UPDATE",
                statement -> statement.setString(1, key.toString()), KnowledgeStore::record).stream().findFirst();
    }

    /** Writes changes with their history, and queues them for the knowledge topic. */
    public void write(List<KnowledgeChange> changes, String changedBy, String source) {
        jdbc.batch("INSERT INTO port_knowledge (port_key, transport, port, iana, curation, version, updated_at) "
                        + "VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)",
                changes.stream().filter(change -> change.before() == null).map(KnowledgeChange::after).toList(),
                (statement, record) -> {
                    statement.setString(1, record.key().toString());
                    statement.setString(2, record.key().transport().wireName());
                    statement.setInt(3, record.key().port());
                    setLayers(statement, 4, record);
                });
        jdbc.batch("UPDATE port_knowledge SET iana = ?::jsonb, curation = ?::jsonb, version = ?, updated_at = ? WHERE port_key = ?",
                changes.stream().filter(change -> change.before() != null).map(KnowledgeChange::after).toList(),
                (statement, record) -> {
                    setLayers(statement, 1, record);
                    statement.setString(5, record.key().toString());
                });
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batch("INSERT INTO knowledge_history (port_key, version, changed_at, changed_by, source, before, after) "
                        + "VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)", changes,
                (statement, change) -> {
                    statement.setString(1, change.key().toString());
                    statement.setLong(2, change.after().version());
                    statement.setTimestamp(3, now);
                    statement.setString(4, changedBy);
                    statement.setString(5, source);
                    statement.setString(6, JsonColumns.write(change.before() == null ? null : change.before().knowledge()));
                    statement.setString(7, JsonColumns.write(change.after().knowledge()));
                });
        outbox.enqueue(changes.stream().map(change -> new OutboxEntry(change.after().knowledge())).toList());
    }

    /** The history of a transport/port, oldest first. */
    public List<HistoryEntry> history(PortKey key) {
        return jdbc.query("SELECT version, changed_at, changed_by, source, before, after FROM knowledge_history "
                        + "WHERE port_key = ? ORDER BY id", statement -> statement.setString(1, key.toString()),
                row -> new HistoryEntry(row.getLong(1), row.getTimestamp(2).toInstant(), row.getString(3), row.getString(4),
                        JsonColumns.read(row.getString(5), PortKnowledge.class),
                        JsonColumns.read(row.getString(6), PortKnowledge.class)));
    }

    /** The id of the newest history row (0 when none): lets replicas notice changes made elsewhere. */
    public long lastChangeId() {
        return jdbc.single("SELECT coalesce(max(id), 0) FROM knowledge_history", statement -> { }, row -> row.getLong(1));
    }

    /** The keys changed after a history id. */
    public List<PortKey> changedSince(long historyId) {
        return jdbc.query("SELECT DISTINCT port_key FROM knowledge_history WHERE id > ?",
                statement -> statement.setLong(1, historyId), row -> PortKey.parse(row.getString(1)));
    }

    private static void setLayers(PreparedStatement statement, int first, KnowledgeRecord record) throws SQLException {
        statement.setString(first, JsonColumns.write(record.iana()));
        statement.setString(first + 1, JsonColumns.write(record.curation()));
        statement.setLong(first + 2, record.version());
        statement.setTimestamp(first + 3, Timestamp.from(record.updatedAt()));
    }

    private static KnowledgeRecord record(ResultSet row) throws SQLException {
        return new KnowledgeRecord(PortKey.parse(row.getString(1)), JsonColumns.read(row.getString(2), IanaEntry.class),
                JsonColumns.read(row.getString(3), Curation.class), row.getLong(4), row.getTimestamp(5).toInstant());
    }
}
