package io.portwatch.alert.suppression;

import io.portwatch.alert.database.SchemaJobs;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The suppression policies in memory, so judging a finding never queries them: reloaded after every
 * local change and every interval (for changes other replicas make).
 */
@ApplicationScoped
public class SuppressionPolicies {

    /** A policy with its host pattern compiled once. */
    private record Loaded(SuppressionPolicy policy, Glob hosts) {
        Loaded(SuppressionPolicy policy) {
            this(policy, policy.hostPattern() == null ? null : Glob.compile(policy.hostPattern()));
        }
    }

    private volatile List<Loaded> policies = List.of();

    /** The first policy that suppresses a finding of this rule about this listener, if any. */
    public Optional<SuppressionPolicy> matching(String rule, HostInfo host, Listener listener) {
        return policies.stream().filter(loaded -> loaded.policy().matches(rule, host, listener, loaded.hosts()))
                .map(Loaded::policy).findFirst();
    }

    /** Every policy, oldest first. */
    public List<SuppressionPolicy> all() {
        return policies.stream().map(Loaded::policy).toList();
    }

    @Scheduled(identity = "suppression-reload", every = "30s", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaJobs.class)
    public void reload() {
        try {
            policies = QuarkusTransaction.requiringNew().call(() -> SuppressionEntity.<SuppressionEntity>listAll().stream()
                    .map(SuppressionEntity::toPolicy)
                    .sorted(Comparator.comparingLong(SuppressionPolicy::id))
                    .map(Loaded::new)
                    .toList());
        } catch (RuntimeException e) {
            Log.warnf("Suppression policies not reloaded: %s", e.getMessage());
        }
    }
}
