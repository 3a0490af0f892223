package io.portwatch.alert.rules;

import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Optional;

/**
 * {@value #ID}: a DEPRECATED or LEGACY service is listening. Reachable from the network it is as
 * severe as the service's risk; bound to loopback only it is INFO, so the inventory of forgotten
 * services stays complete without paging anyone.
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
        if (listener.exposure() == Exposure.LOOPBACK) {
            return Optional.of(new Verdict(ID, Severity.INFO,
                    "Legacy service " + service + " listening on loopback on " + host.name(),
                    "A " + status + " service listens on " + listener.endpoint() + ", reachable from this host only. "
                            + knowledge.description() + "."));
        }
        return Optional.of(new Verdict(ID, Severities.ofRisk(knowledge.risk()),
                "Legacy service " + service + " exposed on " + host.name(),
                "A " + status + " service listens on " + listener.endpoint() + " (" + listener.exposure() + "). "
                        + knowledge.description() + ". " + String.join(" ", knowledge.threats())));
    }
}
