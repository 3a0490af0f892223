package io.portwatch.alert.findings;

import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Reads findings for the API and applies analysts' actions through {@link FindingStore}. */
@ApplicationScoped
public class FindingLifecycle {

    private final FindingService findings;
    private final FindingStore changes;

    public FindingLifecycle(FindingService findings, FindingStore changes) {
        this.findings = findings;
        this.changes = changes;
    }

    /** A page of findings matching the filters (null: any), most severe then most recently seen first. */
    public Page<FindingEvent> list(FindingState state, Severity severity, String hostId, String asset, Integer port, int page,
            int size) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (state != null) {
            conditions.add("state = :state");
            parameters.and("state", state);
        }
        if (severity != null) {
            conditions.add("severity = :severity");
            parameters.and("severity", severity);
        }
        if (hostId != null) {
            conditions.add("hostId = :host");
            parameters.and("host", hostId);
        }
        if (asset != null) {
            conditions.add("asset = :asset");
            parameters.and("asset", asset);
        }
        if (port != null) {
            conditions.add("port = :port");
            parameters.and("port", port);
        }
        Sort order = Sort.descending("severityRank", "lastSeen").and("findingId");
        return QuarkusTransaction.requiringNew().call(() -> {
            PanacheQuery<FindingEntity> query = conditions.isEmpty()
                    ? FindingEntity.findAll(order)
                    : FindingEntity.find(String.join(" and ", conditions), order, parameters);
            long total = query.count();
            List<FindingEvent> items = query.page(page, size).list().stream().map(FindingEntity::toEvent).toList();
            return new Page<>(items, page, size, total, (int) ((total + size - 1) / size));
        });
    }

    /** One finding with its history. */
    public FindingDetails details(String findingId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            FindingEntity finding = FindingEntity.<FindingEntity>findByIdOptional(findingId)
                    .orElseThrow(() -> new FindingNotFoundException(findingId));
            List<FindingDetails.Change> history = FindingHistoryEntity.<FindingHistoryEntity>list("findingId", Sort.by("version"),
                    findingId).stream()
                    .map(entry -> new FindingDetails.Change(entry.version, entry.state, entry.severity, entry.changedAt, entry.reason))
                    .toList();
            return new FindingDetails(finding.toEvent(), history);
        });
    }

    /** An analyst's action; returns the finding as it now is. */
    public FindingEvent transition(String findingId, FindingState target, String reason, String who) {
        return changes.apply(() -> {
            FindingEntity finding = FindingEntity.<FindingEntity>findByIdOptional(findingId)
                    .orElseThrow(() -> new FindingNotFoundException(findingId));
            return List.of(findings.transition(finding, target, reason, who));
        }).get(0).event();
    }
}
