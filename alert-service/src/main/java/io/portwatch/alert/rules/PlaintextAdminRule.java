package io.portwatch.alert.rules;

import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * {@value #ID}: an admin interface that takes credentials without TLS (AppleShare IP WebAdmin on
 * 311/tcp). The knowledge says the service does; a network probe's evidence confirms it (credentials
 * asked for over plain HTTP) or clears it (plain HTTP refused as sent to a TLS port, or TLS spoken and
 * no credentials asked for in clear). From the network it is HIGH; on loopback, INFO.
 */
@ApplicationScoped
public class PlaintextAdminRule implements Rule {

    public static final String ID = "plaintext-admin";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Verdict> evaluate(HostInfo host, Listener listener, PortKnowledge knowledge) {
        // Evidence cut short by the probe's deadline (a tarpit) neither confirms nor clears: the knowledge stands.
        Evidence evidence = listener.evidence() == null || listener.evidence().cutShort() ? null : listener.evidence();
        boolean refusesPlainHttp = evidence != null && Boolean.TRUE.equals(evidence.plainHttpRefused());
        boolean confirmed = evidence != null && evidence.httpAuth() != null && !refusesPlainHttp;
        boolean cleared = evidence != null && (refusesPlainHttp || Boolean.TRUE.equals(evidence.tls()) && evidence.httpAuth() == null);
        if (listener.transport() != Transport.TCP || cleared || !(knowledge.plaintextCredentials() || confirmed)) {
            return Optional.empty();
        }
        String proof = confirmed
                ? "A probe saw it ask for credentials (" + evidence.httpAuth() + ") over plain HTTP"
                        + (evidence.httpServer() == null ? "" : ", server " + evidence.httpServer()) + "."
                : "The knowledge of " + knowledge.serviceName() + " says it takes credentials without TLS.";
        Severity severity = Exposures.fromNetwork(listener) ? Severity.HIGH : Severity.INFO;
        return Optional.of(new Verdict(ID, severity, "Plaintext admin login " + listener.portKey() + " on " + host.name(),
                "Admin interface on " + Exposures.where(listener) + ". " + proof
                        + " Anyone on the path can read the administrator's password."));
    }
}
