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

/** A row of {@code finding_history}: one version of a finding, and why it changed (written by {@link FindingRows}). */
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
}
