package io.portwatch.alert.rules;

import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Optional;

/**
 * {@value #ID}: a DEPRECATED or LEGACY service is listening. Reachable from the network it is as
 * severe as the service's risk; bound to loopback only, or owned only by executables the knowledge
 * expects there ({@code /usr/libexec/rapportd} on 3031, judged by path, never by name), it is INFO, so
 * the inventory of old services stays complete without paging anyone.
 */
@ApplicationScoped
public class LegacyServiceExposedRule implements Rule {

    public static final String ID = "legacy-service-exposed";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Verdict> evaluate(HostInfo host, Listener listener, PortKnowledge knowledge) {
        if (knowledge.status() != ServiceStatus.DEPRECATED && knowledge.status() != ServiceStatus.LEGACY) {
            return Optional.empty();
        }
        String service = knowledge.serviceName() + " (" + listener.portKey() + ")";
        String status = knowledge.status().name().toLowerCase(Locale.ROOT);
        String observed = "A " + status + " service listens on " + Exposures.where(listener) + ". " + knowledge.description() + ".";
        if (!Exposures.fromNetwork(listener)) {
            return Optional.of(new Verdict(ID, Severity.INFO, "Legacy service " + service + " listening on loopback on " + host.name(),
                    observed + " Only this host can reach it."));
        }
        if (Exposures.ownedByExpectedExecutable(listener, knowledge)) {
            return Optional.of(new Verdict(ID, Severity.INFO, "Legacy service " + service + " run by an expected process on " + host.name(),
                    observed + " Every owner runs an executable the knowledge expects on this port."));
        }
        return Optional.of(new Verdict(ID, Severities.ofRisk(knowledge.risk()), "Legacy service " + service + " exposed on " + host.name(),
                observed + " " + String.join(" ", knowledge.threats())));
    }
}
