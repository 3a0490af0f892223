package io.portwatch.alert.listeners;

import io.portwatch.alert.findings.FindingChange;
import io.portwatch.alert.findings.FindingService;
import io.portwatch.alert.findings.Judgement;
import io.portwatch.alert.knowledge.KnowledgeView;
import io.portwatch.alert.rules.RuleEngine;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns listener events into finding changes: updates the host's listeners, judges every port the
 * event touched with the rules and the knowledge view, and reconciles the stored findings.
 */
@ApplicationScoped
public class Correlator {

    private final HostListeners hosts = new HostListeners();
    private final KnowledgeView knowledge;
    private final RuleEngine rules;
    private final FindingService findings;

    public Correlator(KnowledgeView knowledge, RuleEngine rules, FindingService findings) {
        this.knowledge = knowledge;
        this.rules = rules;
        this.findings = findings;
    }

    /** Applies a batch of events in one transaction; returns the committed changes, in order. */
    @Transactional
    public List<FindingChange> correlate(List<ListenerEvent> events) {
        List<FindingChange> changes = new ArrayList<>();
        for (ListenerEvent event : events) {
            for (PortKey port : hosts.apply(event)) {
                List<Judgement> judgements = judge(event, port);
                changes.addAll(findings.reconcile(event.host(), port, judgements, event.observedAt()));
            }
        }
        return changes;
    }

    /** One judgement per rule: the most severe verdict over the port's listeners (e.g. wildcard beats loopback). */
    private List<Judgement> judge(ListenerEvent event, PortKey port) {
        Optional<PortKnowledge> known = knowledge.find(port);
        if (known.isEmpty()) {
            return List.of();
        }
        Map<String, Judgement> byRule = new LinkedHashMap<>();
        for (Listener listener : hosts.on(event.host().id(), port)) {
            rules.evaluate(event.host(), listener, known.get()).forEach(verdict -> byRule.merge(verdict.rule(),
                    new Judgement(verdict, listener, known.get()),
                    (a, b) -> MOST_SEVERE.compare(a, b) >= 0 ? a : b));
        }
        return List.copyOf(byRule.values());
    }

    private static final Comparator<Judgement> MOST_SEVERE = Comparator.comparing(judgement -> judgement.verdict().severity());
}
