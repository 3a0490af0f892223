package io.portwatch.alert.fleet;

import io.portwatch.alert.findings.FindingChange;
import io.portwatch.alert.findings.FindingStore;
import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Raises {@code probe-impersonation} (CRITICAL) against each probe that signed records it may not speak for, one
 * change set for a batch's attempts, stored and published like every finding change.
 */
@ApplicationScoped
public class Impersonations {

    private final FindingStore changes;

    public Impersonations(FindingStore changes) {
        this.changes = changes;
    }

    /**
     * Raises or updates the finding of each probe, with the reasons its records were refused for, in order; one
     * attempt, which may be repeated.
     */
    public List<FindingChange> raise(Map<KnownProbe, List<String>> attempts) {
        Instant now = Instant.now();
        List<FindingChange> made = changes.apply(() -> {
            List<FindingChange> raised = new ArrayList<>();
            attempts.forEach((probe, reasons) -> raised.addAll(FleetFindings.impersonated(probe, reasons, now)));
            return raised;
        });
        attempts.forEach((probe, reasons) -> Log.warnf("Probe %s (node %s) signed %d record(s) it may not; the first: %s",
                probe.id(), probe.node(), reasons.size(),
                ControlCharacters.escapeAndCut(reasons.get(0), ContractLimits.EVIDENCE_TEXT)));
        return made;
    }
}
