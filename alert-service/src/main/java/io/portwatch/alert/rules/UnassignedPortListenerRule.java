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
 * {@value #ID}: a listener the network can reach on a port IANA never assigned (or withdrew). LOW:
 * often a development server or an internal tool, sometimes something worth a look.
 */
@ApplicationScoped
public class UnassignedPortListenerRule implements Rule {

    public static final String ID = "unassigned-port-listener";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Verdict> evaluate(HostInfo host, Listener listener, PortKnowledge knowledge) {
        if (knowledge.status() != ServiceStatus.UNASSIGNED || !Exposures.fromNetwork(listener)) {
            return Optional.empty();
        }
        return Optional.of(new Verdict(ID, Severity.LOW, "Listener on unassigned port " + listener.portKey() + " on " + host.name(),
                "Nothing is registered for " + listener.portKey() + " (" + knowledge.range().name().toLowerCase(Locale.ROOT)
                        + " range), yet " + Exposures.where(listener) + " listens there. Check that it is meant to."));
    }
}
