package io.portwatch.alert.rules;

import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * {@value #ID}: who owns a listener on a port whose knowledge names the processes expected there. An
 * expected owner (rapportd on 3031) is INFO, recorded so the inventory shows it; an unexpected one is
 * HIGH when the network can reach it and MEDIUM on loopback. Listeners whose owner is unknown, or
 * ports with no expected processes, are not judged.
 */
@ApplicationScoped
public class UnexpectedProcessRule implements Rule {

    public static final String ID = "unexpected-process";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Verdict> evaluate(HostInfo host, Listener listener, PortKnowledge knowledge) {
        if (listener.process() == null || knowledge.expectedProcesses().isEmpty()) {
            return Optional.empty();
        }
        String expected = String.join(", ", knowledge.expectedProcesses());
        if (Exposures.ownedByExpectedProcess(listener, knowledge)) {
            return Optional.of(new Verdict(ID, Severity.INFO,
                    "Expected process " + listener.process().name() + " on " + listener.portKey() + " on " + host.name(),
                    Exposures.where(listener) + " is owned by a process expected there (" + expected + ")."));
        }
        Severity severity = Exposures.fromNetwork(listener) ? Severity.HIGH : Severity.MEDIUM;
        return Optional.of(new Verdict(ID, severity,
                "Unexpected process " + listener.process().name() + " on " + listener.portKey() + " on " + host.name(),
                Exposures.where(listener) + " is owned by a process " + knowledge.serviceName() + " does not use (expected: "
                        + expected + "). Investigate it: it may be malware or a tool posing as the service."));
    }
}
