package io.portwatch.cli;

import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.KnowledgeSummary;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;

import java.time.Instant;
import java.util.List;

/** Finding changes for the CLI's tests. */
final class Findings {

    private Findings() {
    }

    /** An open finding of a rule on a host's listener, with a title. */
    static FindingEvent open(String rule, Severity severity, String hostId, Transport transport, int port, String title) {
        Instant now = Instant.now();
        return new FindingEvent(rule + "/" + port, rule, severity, FindingState.OPEN,
                new HostInfo(hostId, hostId, List.of("192.0.2.7"), null), null, hostId, null,
                new Listener(transport, "0.0.0.0", port, 4, Exposure.ALL_INTERFACES, null, null),
                new KnowledgeSummary("svc-" + port, ServiceStatus.ACTIVE, Risk.HIGH), title, "observed", "close it", List.of(),
                now, now, 1);
    }
}
