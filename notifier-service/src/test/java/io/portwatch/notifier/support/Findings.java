package io.portwatch.notifier.support;

import io.portwatch.events.contract.FindingChangeRecord;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.KnowledgeSummary;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.events.listener.ProcessInfo;
import io.portwatch.testing.TopicWriter;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** Finding changes as alert-service writes them to {@code portwatch.alerts}, for the notifier's tests. */
public final class Findings {

    private static final Instant FIRST_SEEN = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

    private Findings() {
    }

    /** A 3283/udp reflector (ARMS answering 19 bytes with 1,053) on a host named after {@code host}. */
    public static FindingEvent reflector(String host, FindingState state, long version) {
        Listener listener = new Listener(Transport.UDP, "192.0.2.10", 3283, 4, Exposure.REACHABLE, null,
                new Evidence("arms-status", 19, 1053, null, null, null, null, null));
        return new FindingEvent(FindingIds.of(host, new PortKey(Transport.UDP, 3283), "amplification-reflector"),
                "amplification-reflector", Severity.HIGH, state, new HostInfo(host, host + ".lab", List.of("192.0.2.10")),
                "lab", host, new ProbeInfo("probe-lab", "lab", ProbeMode.NETWORK), listener,
                new KnowledgeSummary("net-assist", ServiceStatus.ACTIVE, Risk.HIGH),
                "UDP 3283 (net-assist) on " + host + " is an amplification reflector (x55.4)",
                "Apple Remote Desktop's ARMS answers a 19-byte request with 1053 bytes.",
                "Block 3283/udp at the edge or turn off Remote Management.",
                List.of("https://www.cisa.gov/news-events/alerts/2014/01/17/udp-based-amplification-attacks"),
                FIRST_SEEN, FIRST_SEEN.plusSeconds(version), version);
    }

    /**
     * A 3031/tcp listener (eppc) reachable on all interfaces, owned by a process that is not the expected one; the
     * host's name and the process's name, path and user are what the watched host chose.
     */
    public static FindingEvent unexpectedProcess(String host, String hostName, String processName, String exe, String user) {
        Listener listener = new Listener(Transport.TCP, "0.0.0.0", 3031, 4, Exposure.ALL_INTERFACES,
                new ProcessInfo(4242, processName, exe, user, 1000), null);
        return new FindingEvent(FindingIds.of(host, new PortKey(Transport.TCP, 3031), "unexpected-process"),
                "unexpected-process", Severity.HIGH, FindingState.OPEN, new HostInfo(host, hostName, List.of("192.0.2.31", "2001:db8::31")),
                "lab", host, new ProbeInfo("probe-" + host, "lab", ProbeMode.HOST), listener,
                new KnowledgeSummary("eppc", ServiceStatus.ACTIVE, Risk.MEDIUM),
                "TCP 3031 (eppc) on " + hostName + " is owned by " + processName + ", not rapportd",
                "Remote Apple Events listens, owned by " + exe + " (user " + user + ").",
                "Stop the process or close 3031/tcp.", List.of(), FIRST_SEEN, FIRST_SEEN.plusSeconds(1), 1);
    }

    /** What a receiver dedupes a change on ({@code <findingId>@<version>}). */
    public static String dedupKey(FindingEvent event) {
        return event.findingId() + "@" + event.version();
    }

    /** The same finding with another severity. */
    public static FindingEvent withSeverity(FindingEvent event, Severity severity) {
        return new FindingEvent(event.findingId(), event.rule(), severity, event.state(), event.host(), event.zone(), event.asset(),
                event.probe(), event.listener(), event.knowledge(), event.title(), event.description(), event.remediation(),
                event.references(), event.firstSeen(), event.lastSeen(), event.version());
    }

    /** The same finding change under another rule and in another zone (the finding id stays: same key, same partition). */
    public static FindingEvent withRuleAndZone(FindingEvent event, String rule, String zone) {
        return new FindingEvent(event.findingId(), rule, event.severity(), event.state(), event.host(), zone, event.asset(),
                event.probe(), event.listener(), event.knowledge(), event.title(), event.description(), event.remediation(),
                event.references(), event.firstSeen(), event.lastSeen(), event.version());
    }

    /** Writes a change to a topic with its CloudEvent headers, as alert-service does. */
    public static void write(TopicWriter writer, String topic, FindingEvent event) {
        String kind = event.state() == FindingState.OPEN ? "opened" : event.state().name().toLowerCase(Locale.ROOT);
        write(writer, topic, event.findingId(), EventJson.toBytes(event), FindingChangeRecord.SOURCE, FindingChangeRecord.TYPE_PREFIX + kind,
                event.lastSeen());
    }

    /**
     * Writes any value under a finding's key, with the CloudEvent headers given (none when {@code source} is null) and
     * {@code time} as the CloudEvent time.
     */
    public static void write(TopicWriter writer, String topic, String key, byte[] value, String source, String type, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        if (source != null) {
            new CloudEvent(CloudEvent.SPEC_VERSION, key + "@1", source, type, time, CloudEvent.JSON).writeTo(headers);
        }
        writer.send(topic, key, value, List.of(headers.toArray()));
    }
}
