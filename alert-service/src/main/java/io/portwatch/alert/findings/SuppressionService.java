package io.portwatch.alert.findings;

import io.portwatch.alert.suppression.SuppressionEntity;
import io.portwatch.alert.suppression.SuppressionPolicies;
import io.portwatch.alert.suppression.SuppressionPolicy;
import io.portwatch.alert.suppression.SuppressionRequest;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.Transport;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Creates and deletes suppression policies; a new policy suppresses the active findings it matches at once. */
@ApplicationScoped
public class SuppressionService {

    private final SuppressionPolicies policies;
    private final FindingService findings;
    private final FindingStore changes;

    public SuppressionService(SuppressionPolicies policies, FindingService findings, FindingStore changes) {
        this.policies = policies;
        this.findings = findings;
        this.changes = changes;
    }

    /** Stores a policy, applies it to current findings and returns it with how many it suppressed. */
    public SuppressionResult create(SuppressionRequest request, String who) {
        SuppressionPolicy policy = QuarkusTransaction.requiringNew().call(() -> {
            SuppressionEntity entity = new SuppressionEntity();
            entity.rule = request.rule();
            entity.transport = request.transport() == null ? null : Transport.parse(request.transport()).wireName();
            entity.port = request.port();
            entity.hostPattern = request.hostPattern();
            entity.process = request.process();
            entity.reason = request.reason();
            entity.createdBy = who;
            entity.createdAt = Instant.now();
            entity.persist();
            return entity.toPolicy();
        });
        policies.reload();
        List<FindingChange> suppressed = changes.apply(() -> {
            return activeFindings(policy).stream()
                    .filter(finding -> policy.matches(finding.rule, finding.host, finding.listener))
                    .map(finding -> findings.suppress(finding, policy))
                    .toList();
        });
        Log.infof("Suppression policy %d by %s suppressed %d findings", policy.id(), who, suppressed.size());
        return new SuppressionResult(policy, suppressed.size());
    }

    /** Deletes a policy (the findings it suppressed stay suppressed); false when there was none. */
    public boolean delete(long id) {
        boolean deleted = QuarkusTransaction.requiringNew().call(() -> SuppressionEntity.deleteById(id));
        policies.reload();
        return deleted;
    }

    private static List<FindingEntity> activeFindings(SuppressionPolicy policy) {
        String active = "state in ?1";
        List<FindingState> states = List.of(FindingState.OPEN, FindingState.ACKNOWLEDGED);
        return policy.port() == null
                ? FindingEntity.list(active, states)
                : FindingEntity.list(active + " and port = ?2", states, policy.port());
    }

    /**
     * A created policy and its effect.
     *
     * @param policy     the policy
     * @param suppressed how many active findings it suppressed
     */
    public record SuppressionResult(SuppressionPolicy policy, int suppressed) {
    }
}
