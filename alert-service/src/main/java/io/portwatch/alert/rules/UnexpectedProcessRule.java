package io.portwatch.alert.rules;

import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ProcessInfo;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * {@value #ID}: who owns a listener on a port whose knowledge names the owners expected there. Owners are
 * judged by their executable's path ({@code /usr/libexec/rapportd} on 3031), never by the name a process
 * gives itself: a socket whose every owner runs an expected executable is INFO, recorded so the inventory
 * shows it; any other owner, including one that calls itself rapportd, is HIGH when the network can reach
 * it and MEDIUM on loopback. Every socket is judged on its own, so a second socket on the port
 * (SO_REUSEPORT) next to rapportd's is a finding of its own kind. Listeners whose owner is unknown, or ports
 * with no expected owners, are not judged.
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
        if (listener.owners().isEmpty() || knowledge.expectedExecutables().isEmpty() && knowledge.expectedProcesses().isEmpty()) {
            return Optional.empty();
        }
        String expected = knowledge.expectedExecutables().isEmpty() ? "no executable known; named " + String.join(", ", knowledge.expectedProcesses())
                : String.join(", ", knowledge.expectedExecutables());
        Optional<ProcessInfo> unexpected = Exposures.unexpectedOwner(listener, knowledge);
        if (unexpected.isEmpty()) {
            return Optional.of(new Verdict(ID, Severity.INFO,
                    "Expected process " + listener.process().name() + " on " + listener.portKey() + " on " + host.name(),
                    Exposures.where(listener) + " is owned by " + Exposures.describe(listener.process())
                            + ", an executable expected there (" + expected + ")."));
        }
        ProcessInfo owner = unexpected.get();
        Severity severity = Exposures.fromNetwork(listener) ? Severity.HIGH : Severity.MEDIUM;
        boolean posing = Exposures.claimsExpectedName(owner, knowledge);
        String title = (posing ? "Process posing as " + owner.name() : "Unexpected process " + owner.name())
                + " on " + listener.portKey() + " on " + host.name();
        return Optional.of(new Verdict(ID, severity, title,
                Exposures.where(listener) + " is owned by " + Exposures.describe(owner) + ", which " + knowledge.serviceName()
                        + " does not run (expected: " + expected + ")."
                        + (posing ? " It calls itself by the expected name, but runs another executable." : "")
                        + (listener.container() != null ? " Inside a container an executable's path is the image's own, so it proves nothing." : "")
                        + " Investigate it: it may be malware or a tool posing as the service."));
    }
}
