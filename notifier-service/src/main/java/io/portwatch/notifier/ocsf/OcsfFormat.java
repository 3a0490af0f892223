package io.portwatch.notifier.ocsf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ProcessInfo;
import io.portwatch.notifier.config.NotifierConfig;
import io.portwatch.notifier.delivery.Change;
import io.portwatch.notifier.webhook.BodyFormat;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A finding change as an OCSF {@value #VERSION} Detection Finding (class_uid 2004, category Findings); a batch is a
 * JSON array of them. The mapping, field by field, is in docs/notifier.md ("OCSF mapping"): the change's first
 * version creates the finding (activity Create), RESOLVED and SUPPRESSED close it, every other change updates it.
 */
@ApplicationScoped
public class OcsfFormat implements BodyFormat {

    /** The OCSF schema version written into {@code metadata.version}. */
    static final String VERSION = "1.4.0";
    static final int CLASS_UID = 2004;
    static final int CATEGORY_UID = 2;
    private static final String JSON = "application/json";
    /** connection_info.direction_id: the finding is about a listener, which connections come in to. */
    private static final int INBOUND = 1;
    /** OCSF's ip_t is at most 40 characters. */
    private static final int MAX_IP_LENGTH = 40;
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** The characters of an IPv6 literal, which the JDK then parses (a text with a colon is never looked up in DNS). */
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final ObjectMapper json = EventJson.mapper();
    private final String findingsUrl;

    public OcsfFormat(NotifierConfig config) {
        this.findingsUrl = config.findingsUrl();
    }

    @Override
    public String contentType(int count) {
        return JSON;
    }

    @Override
    public byte[] body(List<Change> batch) {
        try {
            if (batch.size() == 1) {
                return json.writeValueAsBytes(finding(batch.get(0)));
            }
            ArrayNode findings = json.createArrayNode();
            batch.forEach(change -> findings.add(finding(change)));
            return json.writeValueAsBytes(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an OCSF finding", e);
        }
    }

    /** The Detection Finding of one change. */
    ObjectNode finding(Change change) {
        FindingEvent event = change.event();
        Activity activity = Activity.of(event);
        ObjectNode finding = json.createObjectNode();
        finding.put("class_uid", CLASS_UID);
        finding.put("class_name", "Detection Finding");
        finding.put("category_uid", CATEGORY_UID);
        finding.put("category_name", "Findings");
        finding.put("activity_id", activity.id);
        finding.put("activity_name", activity.caption);
        finding.put("type_uid", CLASS_UID * 100L + activity.id);
        finding.put("type_name", "Detection Finding: " + activity.caption);
        finding.put("time", millis(change.writtenAt()));
        finding.put("severity_id", severityId(event.severity()));
        finding.put("severity", severityCaption(event.severity()));
        finding.put("status_id", statusId(event.state()));
        finding.put("status", statusCaption(event.state()));
        putText(finding, "message", event.title());
        finding.put("is_alert", event.state() == FindingState.OPEN || event.state() == FindingState.ACKNOWLEDGED);
        if (event.firstSeen() != null) {
            finding.put("start_time", millis(event.firstSeen()));
        }
        if (event.lastSeen() != null) {
            finding.put("end_time", millis(event.lastSeen()));
        }
        finding.set("metadata", metadata(change));
        finding.set("finding_info", findingInfo(event));
        ArrayNode resources = finding.putArray("resources");
        if (event.host() != null) {
            resources.add(resource(event));
        }
        if (event.listener() != null) {
            finding.putArray("evidences").add(evidence(event));
        }
        if (event.remediation() != null) {
            ObjectNode remediation = finding.putObject("remediation");
            remediation.put("desc", event.remediation());
            ArrayNode references = remediation.putArray("references");
            event.references().forEach(references::add);
        }
        ObjectNode unmapped = finding.putObject("unmapped");
        unmapped.put("portwatch_state", event.state().name());
        unmapped.put("portwatch_version", event.version());
        putText(unmapped, "portwatch_zone", event.zone());
        putText(unmapped, "portwatch_asset", event.asset());
        if (event.knowledge() != null) {
            unmapped.set("portwatch_knowledge", json.valueToTree(event.knowledge()));
        }
        return finding;
    }

    private ObjectNode metadata(Change change) {
        ObjectNode metadata = json.createObjectNode();
        metadata.put("version", VERSION);
        metadata.put("uid", change.dedupKey());
        metadata.put("correlation_uid", change.event().findingId());
        metadata.put("log_name", change.record().topic());
        metadata.put("logged_time", millis(change.writtenAt()));
        ObjectNode product = metadata.putObject("product");
        product.put("name", "Portwatch");
        product.put("vendor_name", "Portwatch");
        product.put("uid", "portwatch");
        return metadata;
    }

    private ObjectNode findingInfo(FindingEvent event) {
        ObjectNode info = json.createObjectNode();
        info.put("uid", event.findingId());
        info.put("title", event.title() == null ? event.rule() : event.title());
        putText(info, "desc", event.description());
        info.putArray("types").add(event.rule());
        if (event.firstSeen() != null) {
            info.put("created_time", millis(event.firstSeen()));
            info.put("first_seen_time", millis(event.firstSeen()));
        }
        if (event.lastSeen() != null) {
            info.put("modified_time", millis(event.lastSeen()));
            info.put("last_seen_time", millis(event.lastSeen()));
        }
        info.put("src_url", findingsUrl + "/api/v1/findings/" + event.findingId());
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("uid", event.rule());
        analytic.put("name", event.rule());
        analytic.put("type_id", 1);
        analytic.put("type", "Rule");
        return info;
    }

    private ObjectNode resource(FindingEvent event) {
        ObjectNode resource = json.createObjectNode();
        resource.put("uid", event.host().id());
        putText(resource, "name", event.host().name());
        putText(resource, "hostname", event.host().name());
        event.host().addresses().stream().filter(OcsfFormat::ipLiteral).findFirst().ifPresent(ip -> resource.put("ip", ip));
        resource.put("type", "host");
        ArrayNode labels = resource.putArray("labels");
        if (event.zone() != null) {
            labels.add("zone:" + event.zone());
        }
        if (event.asset() != null && !event.asset().equals(event.host().id())) {
            labels.add("asset:" + event.asset());
        }
        return resource;
    }

    private ObjectNode evidence(FindingEvent event) {
        Listener listener = event.listener();
        ObjectNode evidence = json.createObjectNode();
        ObjectNode endpoint = evidence.putObject("dst_endpoint");
        if (ipLiteral(listener.address())) {
            endpoint.put("ip", listener.address());
        }
        endpoint.put("port", listener.port());
        if (event.host() != null) {
            putText(endpoint, "hostname", event.host().name());
        }
        if (event.knowledge() != null) {
            putText(endpoint, "svc_name", event.knowledge().serviceName());
        }
        ObjectNode connection = evidence.putObject("connection_info");
        connection.put("direction_id", INBOUND);
        connection.put("direction", "Inbound");
        connection.put("protocol_name", listener.transport().wireName());
        connection.put("protocol_num", protocolNumber(listener.transport()));
        connection.put("protocol_ver_id", listener.ipVersion());
        if (listener.process() != null) {
            evidence.set("process", process(listener.process()));
        }
        ObjectNode data = evidence.putObject("data");
        data.put("exposure", listener.exposure().name());
        Evidence observed = listener.evidence();
        if (observed != null) {
            data.set("observed", json.valueToTree(observed));
        }
        return evidence;
    }

    private ObjectNode process(ProcessInfo owner) {
        ObjectNode process = json.createObjectNode();
        process.put("pid", owner.pid());
        putText(process, "name", owner.name());
        if (owner.exe() != null) {
            process.putObject("file").put("path", owner.exe()).put("name", fileName(owner.exe())).put("type_id", 1);
        }
        if (owner.user() != null) {
            process.putObject("user").put("name", owner.user());
        }
        return process;
    }

    /** Whether an address is an IP literal (OCSF's {@code ip_t}); a listener's address could be a wildcard such as {@code *}. */
    private static boolean ipLiteral(String address) {
        if (address == null || address.length() > MAX_IP_LENGTH) {
            return false;
        }
        if (IPV4.matcher(address).matches()) {
            return true;
        }
        if (!IPV6_CHARACTERS.matcher(address).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(address);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The IANA protocol number of a transport. */
    private static int protocolNumber(Transport transport) {
        return switch (transport) {
            case TCP -> 6;
            case UDP -> 17;
            case DCCP -> 33;
            case SCTP -> 132;
        };
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void putText(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    /** OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
    static int severityId(Severity severity) {
        return switch (severity) {
            case INFO -> 1;
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }

    private static String severityCaption(Severity severity) {
        return switch (severity) {
            case INFO -> "Informational";
            case LOW -> "Low";
            case MEDIUM -> "Medium";
            case HIGH -> "High";
            case CRITICAL -> "Critical";
        };
    }

    /** OCSF finding status_id: 1 New, 2 In Progress, 3 Suppressed, 4 Resolved, 99 Other (STALE). */
    static int statusId(FindingState state) {
        return switch (state) {
            case OPEN -> 1;
            case ACKNOWLEDGED -> 2;
            case SUPPRESSED -> 3;
            case RESOLVED -> 4;
            case STALE -> 99;
        };
    }

    private static String statusCaption(FindingState state) {
        return switch (state) {
            case OPEN -> "New";
            case ACKNOWLEDGED -> "In Progress";
            case SUPPRESSED -> "Suppressed";
            case RESOLVED -> "Resolved";
            case STALE -> "Stale";
        };
    }

    /** OCSF finding activity: 1 Create (a finding's first version), 2 Update, 3 Close (resolved, suppressed). */
    private enum Activity {
        CREATE(1, "Create"), UPDATE(2, "Update"), CLOSE(3, "Close");

        private final int id;
        private final String caption;

        Activity(int id, String caption) {
            this.id = id;
            this.caption = caption;
        }

        static Activity of(FindingEvent event) {
            if (event.state() == FindingState.RESOLVED || event.state() == FindingState.SUPPRESSED) {
                return CLOSE;
            }
            return event.version() <= 1 ? CREATE : UPDATE;
        }
    }
}
