package io.portwatch.alert.findings;

import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** A row of {@code finding_history}: one version of a finding, and why it changed. */
@Entity
@Table(name = "finding_history")
@IdClass(FindingHistoryEntity.Key.class)
public class FindingHistoryEntity extends PanacheEntityBase {

    /** Primary key: finding id and version. */
    public record Key(String findingId, long version) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "finding_id")
    public String findingId;

    @Id
    public long version;

    @Enumerated(EnumType.STRING)
    public FindingState state;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    @Column(name = "changed_at")
    public Instant changedAt;

    public String reason;

    static FindingHistoryEntity of(FindingChange change) {
        FindingHistoryEntity entry = new FindingHistoryEntity();
        entry.findingId = change.event().findingId();
        entry.version = change.event().version();
        entry.state = change.event().state();
        entry.severity = change.event().severity();
        entry.changedAt = change.changedAt();
        entry.reason = change.reason();
        return entry;
    }

    /** Records a set of changes, in one batch of inserts after the findings they belong to. */
    static void record(List<FindingChange> changes) {
        persist(changes.stream().map(FindingHistoryEntity::of));
    }
}
