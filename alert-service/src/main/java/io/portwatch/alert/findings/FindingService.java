package io.portwatch.alert.findings;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.suppression.SuppressionPolicies;
import io.portwatch.alert.suppression.SuppressionPolicy;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.KnowledgeSummary;
import io.portwatch.events.knowledge.PortKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps the findings of a host's port equal to what the rules say now: opens the new ones, reopens
 * the returning ones, updates the changed ones and resolves the ones no rule raises any more. Ids
 * are stable, so replaying the same input changes nothing. The caller loads the hosts' findings
 * once per batch ({@link HostFindings}) and writes what changed ({@link HostFindings#write}); {@link FindingStore}
 * records the changes in the history.
 */
@ApplicationScoped
public class FindingService {

    private final SuppressionPolicies suppressions;
    private final Duration lastSeenResolution;

    public FindingService(SuppressionPolicies suppressions, AlertConfig config) {
        this.suppressions = suppressions;
        this.lastSeenResolution = config.lastSeenResolution();
    }

    /**
     * Reconciles the stored findings of one host's transport/port with the judgements of now.
     *
     * @return the changes made, to publish after the transaction commits
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<FindingChange> reconcile(SeenHost host, PortKey port, List<Judgement> judgements, Instant observedAt,
            HostFindings hostFindings) {
        Map<String, FindingEntity> stored = hostFindings.on(host.id(), port).stream()
                .collect(Collectors.toMap(finding -> finding.findingId, Function.identity()));
        List<FindingChange> changes = new ArrayList<>();
        for (Judgement judgement : judgements) {
            String id = FindingIds.of(host.id(), port, judgement.verdict().rule());
            FindingEntity finding = stored.remove(id);
            if (finding == null) {
                changes.add(open(id, host, port, judgement, observedAt, hostFindings));
            } else {
                Instant lastSeen = finding.lastSeen;
                Optional<FindingChange> change = observe(finding, host, judgement, observedAt);
                change.ifPresent(changes::add);
                if (change.isPresent() || !lastSeen.equals(finding.lastSeen)) {
                    hostFindings.changed(finding);
                }
            }
        }
        stored.values().stream()
                .filter(FindingEntity::isActive)
                .forEach(finding -> {
                    changes.add(resolve(finding, observedAt, "listener closed or no rule applies any more"));
                    hostFindings.changed(finding);
                });
        return changes;
    }

    /**
     * An analyst's action: moves a finding to {@code target} with a reason.
     *
     * @throws FindingTransitionException when the finding is not in a state that allows it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public FindingChange transition(FindingEntity finding, FindingState target, String reason, String who) {
        boolean allowed = switch (target) {
            case ACKNOWLEDGED -> finding.state == FindingState.OPEN;
            case SUPPRESSED -> finding.state == FindingState.OPEN || finding.state == FindingState.ACKNOWLEDGED;
            case RESOLVED -> finding.state != FindingState.RESOLVED;
            case OPEN, STALE -> false;
        };
        if (!allowed) {
            throw new FindingTransitionException(finding.findingId, finding.state, target);
        }
        finding.state = target;
        finding.staleFrom = null;
        FindingChange.Kind kind = FindingChange.Kind.valueOf(target.name());
        return record(finding, Instant.now(), target.name().toLowerCase(Locale.ROOT) + " by " + who + ": " + reason, kind);
    }

    private FindingChange open(String id, SeenHost host, PortKey port, Judgement judgement, Instant at,
            HostFindings hostFindings) {
        FindingEntity finding = FindingEntity.detached();
        finding.findingId = id;
        finding.rule = judgement.verdict().rule();
        finding.hostId = host.id();
        finding.transport = port.transport().wireName();
        finding.port = port.port();
        Optional<SuppressionPolicy> policy = suppressions.matching(judgement.verdict().rule(), host.info(), judgement.listener());
        finding.state = policy.isPresent() ? FindingState.SUPPRESSED : FindingState.OPEN;
        finding.firstSeen = at;
        finding.lastSeen = at;
        finding.seenCount = 1;
        describe(finding, host, judgement);
        finding.version = 1;
        hostFindings.add(finding);
        hostFindings.changed(finding);
        return new FindingChange(FindingChange.Kind.OPENED, finding.toEvent(), at, "opened: " + judgement.verdict().title()
                + policy.map(FindingService::suppressedBy).orElse(""));
    }

    private Optional<FindingChange> observe(FindingEntity finding, SeenHost host, Judgement judgement, Instant at) {
        boolean returning = !finding.isActive();
        boolean stale = finding.state == FindingState.STALE;
        boolean judgedDifferently = finding.severity != judgement.verdict().severity()
                || !Objects.equals(finding.title, judgement.verdict().title())
                || !Objects.equals(finding.knowledge, KnowledgeSummary.of(judgement.knowledge()));
        if (returning || judgedDifferently || !at.isBefore(finding.lastSeen.plus(lastSeenResolution))) {
            // Unchanged findings are not rewritten for every observation, only when lastSeen is a resolution old.
            describe(finding, host, judgement);
            finding.lastSeen = at.isAfter(finding.lastSeen) ? at : finding.lastSeen;
        }
        if (returning) {
            finding.seenCount++;
            Optional<SuppressionPolicy> policy = suppressions.matching(finding.rule, host.info(), judgement.listener());
            finding.state = policy.isPresent() ? FindingState.SUPPRESSED : FindingState.OPEN;
            return Optional.of(record(finding, at, "reopened: the listener is back" + policy.map(FindingService::suppressedBy).orElse(""),
                    FindingChange.Kind.REOPENED));
        }
        if (stale) {
            // Its probe reports it again: back to the state it had, as judged now.
            finding.restoreFromStale();
            return Optional.of(record(finding, at, "restored to " + finding.state + ": its probe reports the listener again",
                    FindingChange.Kind.RESTORED));
        }
        if (judgedDifferently) {
            return Optional.of(record(finding, at, "re-judged: " + finding.severity + ", " + finding.title,
                    FindingChange.Kind.UPDATED));
        }
        return Optional.empty();
    }

    /** Suppresses an active finding that a new policy matches. */
    @Transactional(Transactional.TxType.MANDATORY)
    public FindingChange suppress(FindingEntity finding, SuppressionPolicy policy) {
        finding.state = FindingState.SUPPRESSED;
        return record(finding, Instant.now(), "suppressed" + suppressedBy(policy), FindingChange.Kind.SUPPRESSED);
    }

    private static String suppressedBy(SuppressionPolicy policy) {
        return "; suppressed by policy " + policy.id() + " of " + policy.createdBy() + ": " + policy.reason();
    }

    /** Resolves an active finding, e.g. a fleet finding whose cause is gone (within the caller's transaction). */
    public static FindingChange resolve(FindingEntity finding, Instant at, String reason) {
        finding.state = FindingState.RESOLVED;
        finding.staleFrom = null;
        return record(finding, at, "resolved: " + reason, FindingChange.Kind.RESOLVED);
    }

    /** Records a change made to a finding: its next version, as it now is. */
    public static FindingChange record(FindingEntity finding, Instant at, String reason, FindingChange.Kind kind) {
        finding.version++;
        return new FindingChange(kind, finding.toEvent(), at, reason);
    }

    private static void describe(FindingEntity finding, SeenHost host, Judgement judgement) {
        finding.severity = judgement.verdict().severity();
        finding.host = host.info();
        finding.zone = host.zone();
        finding.asset = host.asset();
        if (host.probe() != null) {
            finding.probeId = host.probe().id();
            finding.probeMode = host.probe().mode();
        }
        finding.listener = judgement.listener();
        finding.knowledge = KnowledgeSummary.of(judgement.knowledge());
        finding.title = judgement.verdict().title();
        finding.description = judgement.verdict().description();
        finding.remediation = judgement.knowledge().remediation();
        finding.references = new ArrayList<>(judgement.knowledge().references());
    }
}
