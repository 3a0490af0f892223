package io.portwatch.alert.findings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.outbox.OutboxEntity;
import io.portwatch.alert.routing.AlertRoutes;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.EventJson;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns finding changes into outbox rows in the transaction that makes them: one row per change, with the topics it
 * goes to ({@code portwatch.alerts} and every {@code portwatch.alerts.<route>} whose route matches it), sent once
 * the transaction commits ({@link io.portwatch.alert.outbox.OutboxPublisher}).
 */
@ApplicationScoped
public class FindingOutbox {

    /** The counter of a kind of change at a severity: looked up once, not per change. */
    private record Counted(FindingChange.Kind kind, Severity severity) {
    }

    private final AlertRoutes routes;
    private final MeterRegistry registry;
    private final Map<Counted, Counter> counters = new ConcurrentHashMap<>();

    public FindingOutbox(AlertRoutes routes, MeterRegistry registry) {
        this.routes = routes;
        this.registry = registry;
    }

    /**
     * Stages every change in the outbox, one row with its topics (portwatch.alerts and the routes it matches),
     * in the caller's transaction, all in one statement; returns the rows to send once it commits.
     */
    public List<OutboxEntity> stage(List<FindingChange> changes) {
        List<OutboxEntity> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (FindingChange change : changes) {
            counters.computeIfAbsent(new Counted(change.kind(), change.event().severity()), counted -> registry.counter(
                    "portwatch.alert.finding.changes", "kind", counted.kind().name(), "severity", counted.severity().name())).increment();
            rows.add(row(change, now));
        }
        OutboxEntity.insert(rows);
        return rows;
    }

    private OutboxEntity row(FindingChange change, Instant now) {
        OutboxEntity row = OutboxEntity.detached();
        row.topics.add(Topics.ALERTS);
        row.topics.addAll(routes.topicsFor(change.event()));
        row.key = change.event().findingId();
        row.cloudEventType = change.kind().cloudEventType();
        row.severity = change.event().severity().name();
        row.version = change.event().version();
        row.payload = EventJson.toBytes(change.event());
        row.eventTime = change.event().lastSeen();
        row.createdAt = now;
        return row;
    }
}
