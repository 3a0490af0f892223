package io.portwatch.alert.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.portwatch.alert.database.SqlArrays;
import io.portwatch.alert.database.Untracked;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.KnowledgeSummary;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import org.hibernate.Session;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;
import org.hibernate.type.SqlTypes;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A row of {@code finding}; mapped to {@link FindingEvent} before it leaves the service. Its JSON
 * columns hold immutable records that are replaced, never changed, so Hibernate compares them with
 * equals instead of copying them through JSON to detect changes.
 */
@Entity
@Table(name = "finding")
public class FindingEntity extends PanacheEntityBase {

    @Id
    @Column(name = "finding_id")
    public String findingId;

    public String rule;

    @Column(name = "host_id")
    public String hostId;

    /** Null for a fleet finding, which is about a probe rather than a listener. */
    public String transport;
    /** Null for a fleet finding. */
    public Integer port;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    /** The severity's order (INFO 0 .. CRITICAL 4), kept by {@link #rankSeverity()} for sorting in SQL. */
    @Column(name = "severity_rank")
    public int severityRank;

    @Enumerated(EnumType.STRING)
    public FindingState state;

    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public HostInfo host;

    /** The zone of the probe that saw the listener; null when unknown. */
    public String zone;

    /** The machine the finding is on ({@link SeenHost#asset()}); null only for rows no correlation wrote. */
    public String asset;

    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public Listener listener;

    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public KnowledgeSummary knowledge;

    public String title;
    public String description;
    public String remediation;

    @Column(name = "reference_urls")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> references = new ArrayList<>();

    @Column(name = "first_seen")
    public Instant firstSeen;

    @Column(name = "last_seen")
    public Instant lastSeen;

    /** The probe that reported the listener, or the probe a fleet finding is about; null for findings stored before. */
    @Column(name = "probe_id")
    public String probeId;

    @Column(name = "probe_mode")
    @Enumerated(EnumType.STRING)
    public ProbeMode probeMode;

    /** The state a STALE finding had before its probe went silent; null unless STALE. */
    @Column(name = "stale_from")
    @Enumerated(EnumType.STRING)
    public FindingState staleFrom;

    /** When the row last changed; set by the database on every write (V9), read by incremental searches. */
    @Column(name = "updated_at", insertable = false, updatable = false)
    public Instant updatedAt;

    /** How many times the finding has been raised: opened, then once more each time it came back. */
    @Column(name = "seen_count")
    public long seenCount;

    public long version;

    /** What {@link HostFindings} reads of every finding of a host: enough to know its active ports and when they are due. */
    record Row(String findingId, String hostId, String transport, int port, FindingState state, Instant lastSeen) {
    }

    /**
     * Every finding of these hosts, whatever its state, locked until the transaction ends (in id order, so two
     * transactions take the locks in the same order): another instance that briefly holds the same partition
     * during a rebalance waits, then reads what this one wrote, instead of both writing the next version of a
     * finding. Only the columns of a {@link Row}: no JSON to decode. One query, the hosts bound as one array.
     * Fleet findings (no transport) are not a host's listeners' and are left out. {@code FOR NO KEY UPDATE}: the
     * lock an update that keeps the key takes (the write that follows), not the stronger {@code FOR UPDATE}.
     */
    static List<Row> rowsOfHosts(Collection<String> hostIds) {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT finding_id, host_id, transport, port, state, last_seen"
                    + " FROM finding WHERE host_id = ANY(?::text[]) AND transport IS NOT NULL ORDER BY finding_id FOR NO KEY UPDATE")) {
                SqlArrays.bindText(connection, query, 1, hostIds);
                List<Row> rows = new ArrayList<>();
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.add(new Row(result.getString(1), result.getString(2), result.getString(3), result.getInt(4),
                                FindingState.valueOf(result.getString(5)), result.getObject(6, OffsetDateTime.class).toInstant()));
                    }
                }
                return rows;
            }
        });
    }

    /** The columns {@link #readOnlyWithIds} reads, in the order it reads them. */
    private static final String COLUMNS = "finding_id, rule, host_id, transport, port, severity, severity_rank, state, host, zone,"
            + " asset, listener, knowledge, title, description, remediation, reference_urls, first_seen, last_seen, probe_id,"
            + " probe_mode, stale_from, updated_at, seen_count, version";

    /**
     * The findings with these ids, in one query, read by plain JDBC into detached entities: Hibernate neither
     * manages nor dirty-checks them; whoever changes them writes them ({@link HostFindings#write}). Every column is
     * read as Hibernate would map it, the JSON ones by the events module's mapper (the one {@link EventJsonFormatMapper}
     * gives Hibernate), without Hibernate's native-query path (its result-set mapping, entity keys and
     * persistence-context entries were most of what reading a batch's findings cost: bench/RESULTS.md, alert-cpu-10).
     */
    static List<FindingEntity> readOnlyWithIds(Collection<String> findingIds) {
        if (findingIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM finding WHERE finding_id = ANY(?::text[])")) {
                SqlArrays.bindText(connection, query, 1, findingIds);
                List<FindingEntity> findings = new ArrayList<>();
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        findings.add(read(result));
                    }
                }
                return findings;
            }
        });
    }

    private static FindingEntity read(ResultSet row) throws SQLException {
        FindingEntity finding = detached();
        finding.findingId = row.getString(1);
        finding.rule = row.getString(2);
        finding.hostId = row.getString(3);
        finding.transport = row.getString(4);
        finding.port = row.getObject(5, Integer.class);
        finding.severity = Severity.valueOf(row.getString(6));
        finding.severityRank = row.getInt(7);
        finding.state = FindingState.valueOf(row.getString(8));
        finding.host = json(row.getString(9), HostInfo.class);
        finding.zone = row.getString(10);
        finding.asset = row.getString(11);
        finding.listener = json(row.getString(12), Listener.class);
        finding.knowledge = json(row.getString(13), KnowledgeSummary.class);
        finding.title = row.getString(14);
        finding.description = row.getString(15);
        finding.remediation = row.getString(16);
        Array references = row.getArray(17);
        finding.references = references == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList((String[]) references.getArray()));
        finding.firstSeen = instant(row, 18);
        finding.lastSeen = instant(row, 19);
        finding.probeId = row.getString(20);
        finding.probeMode = enumOf(ProbeMode.class, row.getString(21));
        finding.staleFrom = enumOf(FindingState.class, row.getString(22));
        finding.updatedAt = instant(row, 23);
        finding.seenCount = row.getLong(24);
        finding.version = row.getLong(25);
        return finding;
    }

    /** A new finding that Hibernate will not manage ({@link Untracked}): read by plain JDBC or opened by correlation, written by {@link FindingRows}. */
    static FindingEntity detached() {
        return Untracked.of(new FindingEntity());
    }

    private static <T> T json(String text, Class<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a stored " + type.getSimpleName() + " is not its JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** The finding's transport/port. */
    public PortKey portKey() {
        return PortKey.of(Transport.parse(transport), port);
    }

    /** The findings on a transport/port that are not resolved. */
    public static List<FindingEntity> activeOn(PortKey port) {
        return FindingEntity.list("transport = ?1 and port = ?2 and state <> ?3", port.transport().wireName(), port.port(),
                FindingState.RESOLVED);
    }

    /** The host as the probe that saw its listener reported it. */
    public SeenHost seenHost() {
        return new SeenHost(host, zone, probe(), asset != null ? asset : SeenHost.ownAsset(host));
    }

    /** The probe that reported it (or that a fleet finding is about); null when not recorded. */
    public ProbeInfo probe() {
        return probeId == null ? null : new ProbeInfo(probeId, zone, probeMode);
    }

    /** Leaves STALE (if it was) for the state it had before: its probe is heard again. */
    public void restoreFromStale() {
        if (state == FindingState.STALE) {
            state = staleFrom == null ? FindingState.OPEN : staleFrom;
        }
        staleFrom = null;
    }

    @PrePersist
    @PreUpdate
    void rankSeverity() {
        severityRank = severity.ordinal();
    }

    /** Whether the finding is still to be acted on. */
    public boolean isActive() {
        return state != FindingState.RESOLVED;
    }

    /** The contract's view of this row. */
    public FindingEvent toEvent() {
        return new FindingEvent(findingId, rule, severity, state, host, zone, asset != null ? asset : hostId, probe(), listener, knowledge, title, description, remediation,
                references, firstSeen, lastSeen, version);
    }
}
