package io.portwatch.alert.fleet;

import io.portwatch.alert.findings.FindingChange;
import io.portwatch.alert.findings.FindingEntity;
import io.portwatch.alert.findings.FindingService;
import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.listener.HostInfo;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The findings of the fleet, about probes rather than listeners, changed within the caller's transaction (one of
 * {@link io.portwatch.alert.findings.FindingStore}): {@value #IMPERSONATION} (CRITICAL) when a probe signs a
 * record it may not, {@value #SILENT} (HIGH) while it is silent, and the listener findings it reported turning
 * STALE and back. A fleet finding's host is the probe's node, its probe the probe, and it has no listener.
 */
final class FleetFindings {

    static final String IMPERSONATION = "probe-impersonation";
    static final String SILENT = "probe-silent";

    private FleetFindings() {
    }

    /** Raises (or updates) the impersonation finding of a probe that signed records it may not. */
    static List<FindingChange> impersonated(KnownProbe probe, List<String> reasons, Instant at) {
        String description = ControlCharacters.escapeAndCut("Probe " + probe.id() + " (node " + probe.node() + ", zone "
                + probe.zone() + ", " + probe.mode() + ") signed " + reasons.size() + " record(s) it may not; they were "
                + "dead-lettered. The first: " + reasons.get(0), ContractLimits.EVIDENCE_TEXT);
        return raise(probe, IMPERSONATION, Severity.CRITICAL,
                "Probe " + probe.id() + " signed records for hosts it does not watch", description,
                "Revoke the probe (POST /api/v1/probes/" + probe.id() + "/revoke), examine node " + probe.node()
                        + " for compromise, and enrol it again once it is clean.", at).stream().toList();
    }

    /** Raises {@value #SILENT} for a probe and marks STALE every active listener finding it reported. */
    static List<FindingChange> silent(KnownProbe probe, Instant at) {
        List<FindingChange> changes = new ArrayList<>();
        raise(probe, SILENT, Severity.HIGH, "Probe " + probe.id() + " on " + probe.node() + " is silent",
                "No heartbeat from probe " + probe.id() + " (node " + probe.node() + ", zone " + probe.zone()
                        + ") within the bound: its host may be down, or the probe stopped or cut off. Its findings are STALE.",
                "Check that the probe runs on " + probe.node() + " and can reach Kafka.", at).ifPresent(changes::add);
        for (FindingEntity finding : lockedListenerFindings(probe.id(), "state <> ?2 and state <> ?3", FindingState.RESOLVED,
                FindingState.STALE)) {
            finding.staleFrom = finding.state;
            finding.state = FindingState.STALE;
            changes.add(FindingService.record(finding, at, "stale: probe " + probe.id() + " is silent", FindingChange.Kind.STALE));
        }
        return changes;
    }

    /** Resolves {@value #SILENT} for a probe heard again and returns its STALE findings to the states they had. */
    static List<FindingChange> heardAgain(String probeId, Instant at) {
        List<FindingChange> changes = new ArrayList<>();
        FindingEntity.<FindingEntity>findByIdOptional(FindingIds.ofProbe(probeId, SILENT), LockModeType.PESSIMISTIC_WRITE)
                .filter(FindingEntity::isActive)
                .ifPresent(finding -> changes.add(FindingService.resolve(finding, at, "probe " + probeId + " is heard again")));
        for (FindingEntity finding : lockedListenerFindings(probeId, "state = ?2", FindingState.STALE)) {
            finding.restoreFromStale();
            changes.add(FindingService.record(finding, at, "restored to " + finding.state + ": probe " + probeId + " is heard again",
                    FindingChange.Kind.RESTORED));
        }
        return changes;
    }

    /** Resolves {@value #SILENT} of a revoked probe: it is no longer expected to report. */
    static List<FindingChange> revoked(String probeId, Instant at) {
        return FindingEntity.<FindingEntity>findByIdOptional(FindingIds.ofProbe(probeId, SILENT), LockModeType.PESSIMISTIC_WRITE)
                .filter(FindingEntity::isActive)
                .map(finding -> List.of(FindingService.resolve(finding, at, "probe " + probeId + " is revoked")))
                .orElse(List.of());
    }

    /** The probe's listener findings in these states, locked in id order (as correlation locks them). */
    private static List<FindingEntity> lockedListenerFindings(String probeId, String states, FindingState... values) {
        Object[] parameters = new Object[values.length + 1];
        parameters[0] = probeId;
        System.arraycopy(values, 0, parameters, 1, values.length);
        return FindingEntity.<FindingEntity>find("probeId = ?1 and transport is not null and " + states, Sort.by("findingId"),
                parameters).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    private static Optional<FindingChange> raise(KnownProbe probe, String rule, Severity severity, String title,
            String description, String remediation, Instant at) {
        String id = FindingIds.ofProbe(probe.id(), rule);
        FindingEntity finding = FindingEntity.<FindingEntity>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElse(null);
        if (finding == null) {
            finding = new FindingEntity();
            finding.findingId = id;
            finding.rule = rule;
            finding.hostId = probe.node();
            finding.state = FindingState.OPEN;
            finding.firstSeen = at;
            finding.lastSeen = at;
            finding.seenCount = 1;
            describe(finding, probe, severity, title, description, remediation);
            finding.version = 1;
            finding.persist();
            return Optional.of(new FindingChange(FindingChange.Kind.OPENED, finding.toEvent(), at, "opened: " + title));
        }
        finding.lastSeen = at.isAfter(finding.lastSeen) ? at : finding.lastSeen;
        if (!finding.isActive()) {
            finding.seenCount++;
            finding.state = FindingState.OPEN;
            describe(finding, probe, severity, title, description, remediation);
            return Optional.of(FindingService.record(finding, at, "reopened: " + title, FindingChange.Kind.REOPENED));
        }
        if (!Objects.equals(finding.description, description)) {
            describe(finding, probe, severity, title, description, remediation);
            return Optional.of(FindingService.record(finding, at, "updated: " + title, FindingChange.Kind.UPDATED));
        }
        return Optional.empty();
    }

    private static void describe(FindingEntity finding, KnownProbe probe, Severity severity, String title, String description,
            String remediation) {
        finding.severity = severity;
        finding.host = new HostInfo(probe.node(), probe.node(), List.of());
        finding.zone = probe.zone();
        finding.probeId = probe.id();
        finding.probeMode = probe.mode();
        finding.title = title;
        finding.description = description;
        finding.remediation = remediation;
        finding.references = new ArrayList<>();
    }
}
