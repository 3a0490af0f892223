package io.portwatch.alert.listeners;

import io.portwatch.alert.findings.FindingChange;
import io.portwatch.alert.findings.FindingChanges;
import io.portwatch.alert.findings.FindingEntity;
import io.portwatch.alert.findings.FindingService;
import io.portwatch.alert.findings.HostFindings;
import io.portwatch.alert.findings.Judgement;
import io.portwatch.alert.findings.SeenHost;
import io.portwatch.alert.knowledge.KnowledgeView;
import io.portwatch.alert.rules.RuleEngine;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns listener events and knowledge changes into finding changes: keeps each host's listeners,
 * judges every port an event (or a knowledge change) touched with the rules and the knowledge view,
 * reconciles the stored findings in one transaction, then publishes what changed (through
 * {@link FindingChanges}, so nothing else changes findings meanwhile).
 */
@ApplicationScoped
public class Correlator {

    private static final Comparator<Judgement> BY_SEVERITY = Comparator.comparing(judgement -> judgement.verdict().severity());

    private final HostListeners hosts = new HostListeners();
    private final KnowledgeView knowledge;
    private final RuleEngine rules;
    private final FindingService findings;
    private final FindingChanges changes;

    public Correlator(KnowledgeView knowledge, RuleEngine rules, FindingService findings, FindingChanges changes) {
        this.knowledge = knowledge;
        this.rules = rules;
        this.findings = findings;
        this.changes = changes;
    }

    /** Correlates a batch of listener events in one transaction, then publishes the changes. */
    public List<FindingChange> correlate(List<ListenerEvent> events) {
        return changes.apply(() -> {
            HostFindings stored = HostFindings.load(events.stream().map(event -> event.host().id()).toList());
            List<FindingChange> made = new ArrayList<>();
            for (ListenerEvent event : events) {
                Set<PortKey> touched = hosts.apply(event);
                if (event.type() == ListenerEventType.SNAPSHOT) {
                    // Ports with open findings that this instance never saw listeners of (e.g. after a restart).
                    touched.addAll(stored.activePortsOf(event.host().id()));
                }
                for (PortKey port : touched) {
                    SeenHost host = new SeenHost(event.host(), event.probe().zone());
                    made.addAll(findings.reconcile(host, port, judge(event.host(), port), event.observedAt(), stored));
                }
            }
            return made;
        });
    }

    /** Re-judges every host with a listener or an active finding on a port whose knowledge changed. */
    public List<FindingChange> reevaluate(PortKey port) {
        return changes.apply(() -> {
            Map<String, SeenHost> affected = new LinkedHashMap<>();
            hosts.hostsOn(port).forEach(host -> affected.put(host.id(), host));
            FindingEntity.activeHostsOn(port).forEach(host -> affected.putIfAbsent(host.id(), host));
            Instant now = Instant.now();
            HostFindings stored = HostFindings.load(affected.keySet());
            List<FindingChange> made = new ArrayList<>();
            affected.values().forEach(host -> made.addAll(findings.reconcile(host, port, judge(host.info(), port), now, stored)));
            if (!made.isEmpty()) {
                Log.infof("Knowledge of %s changed: %d finding changes on %d hosts", port, made.size(), affected.size());
            }
            return made;
        });
    }

    /** One judgement per rule: the most severe verdict over the port's listeners (e.g. wildcard beats loopback). */
    private List<Judgement> judge(HostInfo host, PortKey port) {
        PortKnowledge known = knowledge.find(port).orElseGet(() -> PortKnowledge.unassigned(port));
        Map<String, Judgement> byRule = new LinkedHashMap<>();
        for (Listener listener : hosts.on(host.id(), port)) {
            rules.evaluate(host, listener, known).forEach(verdict -> byRule.merge(verdict.rule(),
                    new Judgement(verdict, listener, known), (a, b) -> BY_SEVERITY.compare(a, b) >= 0 ? a : b));
        }
        return List.copyOf(byRule.values());
    }
}
