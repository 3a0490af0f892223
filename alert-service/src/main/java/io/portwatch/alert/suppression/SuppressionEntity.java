package io.portwatch.alert.suppression;

import io.portwatch.events.knowledge.Transport;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of {@code suppression_policy}; mapped to {@link SuppressionPolicy} before it leaves the service. */
@Entity
@Table(name = "suppression_policy")
public class SuppressionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String rule;
    public String transport;
    public Integer port;

    @Column(name = "host_pattern")
    public String hostPattern;

    public String process;
    public String reason;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    public SuppressionPolicy toPolicy() {
        return new SuppressionPolicy(id, rule, transport == null ? null : Transport.parse(transport), port, hostPattern, process,
                reason, createdBy, createdAt);
    }
}
