package io.portwatch.alert.rules;

import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * {@value #ID}: a UDP listener that answers small requests with {@value #THRESHOLD}x larger replies or
 * more, by a network probe's measurement or by the knowledge. Reached from the network with a measured
 * ratio it is CRITICAL (a proven reflector); bound to a network interface with a known factor, HIGH;
 * on loopback, INFO.
 */
@ApplicationScoped
public class AmplificationReflectorRule implements Rule {

    public static final String ID = "amplification-reflector";
    static final double THRESHOLD = 10;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Verdict> evaluate(HostInfo host, Listener listener, PortKnowledge knowledge) {
        if (listener.transport() != Transport.UDP) {
            return Optional.empty();
        }
        // A reply the probe's deadline cut short measures nothing: the knowledge's factor stands.
        Double measured = listener.evidence() == null || listener.evidence().cutShort() ? null : listener.evidence().amplificationRatio();
        Double factor = measured != null ? measured : knowledge.amplificationFactor();
        if (factor == null || factor < THRESHOLD) {
            return Optional.empty();
        }
        String ratio = oneDecimal(factor) + ":1";
        String how = measured != null
                ? "measured " + ratio + " (" + listener.evidence().requestBytes() + " bytes in, " + listener.evidence().responseBytes() + " out)"
                : "known " + ratio + " for " + knowledge.serviceName();
        Severity severity;
        if (!Exposures.fromNetwork(listener)) {
            severity = Severity.INFO;
        } else if (listener.exposure() == Exposure.REACHABLE && measured != null) {
            severity = Severity.CRITICAL;
        } else {
            severity = Severity.HIGH;
        }
        return Optional.of(new Verdict(ID, severity, "UDP amplification reflector " + listener.portKey() + " on " + host.name(),
                "UDP " + Exposures.where(listener) + " amplifies traffic " + how
                        + ": spoofed requests turn it into a DDoS weapon against third parties."));
    }

    /**
     * A number to one decimal, rounded half up, exactly as {@code String.format(Locale.ROOT, "%.1f", value)} writes it
     * (both round the shortest decimal that reads back as the double), without the format string parsed per call: that
     * was a third of the rules' time per event (JFR, section alert-cpu-9 of bench/RESULTS.md).
     */
    static String oneDecimal(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString() : Double.toString(value);
    }
}
