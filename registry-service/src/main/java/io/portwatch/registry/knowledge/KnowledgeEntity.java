package io.portwatch.registry.knowledge;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.PortRange;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A row of {@code port_knowledge}; mapped to {@link PortKnowledge} before it leaves the service. */
@Entity
@Table(name = "port_knowledge")
public class KnowledgeEntity extends PanacheEntityBase {

    @Id
    @Column(name = "port_key")
    public String portKey;

    public String transport;
    public int port;

    @Column(name = "service_name")
    public String serviceName;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> aliases = new ArrayList<>();

    public String description;

    @Enumerated(EnumType.STRING)
    public ServiceStatus status;

    @Enumerated(EnumType.STRING)
    public Risk risk;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> threats = new ArrayList<>();

    @Column(name = "expected_processes")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> expectedProcesses = new ArrayList<>();

    @Column(name = "related_ports")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<Integer> relatedPorts = new ArrayList<>();

    @Column(name = "amplification_factor")
    public Double amplificationFactor;

    @Column(name = "plaintext_credentials")
    public boolean plaintextCredentials;

    public String remediation;

    @Column(name = "reference_urls")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> references = new ArrayList<>();

    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The entry of a transport/port, if the registry has one. */
    public static Optional<KnowledgeEntity> findByKey(PortKey key) {
        return findByIdOptional(key.toString());
    }

    /** The entries of every transport of a port. */
    public static List<KnowledgeEntity> findByPort(int port) {
        return list("port = ?1 order by transport", port);
    }

    /** The contract's view of this row, or null for a new row that has no status yet. */
    PortKnowledge toKnowledgeIfComplete() {
        return status == null ? null : toKnowledge();
    }

    /** The contract's view of this row. */
    public PortKnowledge toKnowledge() {
        return new PortKnowledge(port, Transport.parse(transport), serviceName, aliases, description, PortRange.of(port),
                status, risk, threats, expectedProcesses, relatedPorts, amplificationFactor, plaintextCredentials,
                remediation, references, version, updatedAt);
    }
}
