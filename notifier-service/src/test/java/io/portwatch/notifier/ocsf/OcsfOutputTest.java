package io.portwatch.notifier.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.json.EventJson;
import io.portwatch.notifier.support.Findings;
import io.portwatch.notifier.support.OcsfSchema;
import io.portwatch.notifier.support.OutputFixture;
import io.portwatch.notifier.support.TestReceiver;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The OCSF output against a real HTTP receiver on loopback: every Detection Finding it receives is checked against
 * the OCSF 1.4.0 schema kept in the test resources, and its fields against the mapping of docs/notifier.md.
 */
@QuarkusTest
class OcsfOutputTest extends OutputFixture {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void openedReflectorIsAValidDetectionFindingWithItsFieldsMapped() {
        FindingEvent opened = Findings.reflector("ocsf-opened", FindingState.OPEN, 1);
        alerts.write(opened);

        JsonNode finding = received(opened);
        assertThat(OcsfSchema.violations(finding)).isEmpty();
        assertThat(finding.path("class_uid").asInt()).isEqualTo(2004);
        assertThat(finding.path("category_uid").asInt()).isEqualTo(2);
        assertThat(finding.path("activity_id").asInt()).isEqualTo(1);
        assertThat(finding.path("type_uid").asLong()).isEqualTo(200401);
        assertThat(finding.path("severity_id").asInt()).isEqualTo(4);
        assertThat(finding.path("status_id").asInt()).isEqualTo(1);
        assertThat(finding.path("is_alert").asBoolean()).isTrue();
        assertThat(finding.path("time").asLong()).isPositive();
        assertThat(finding.at("/finding_info/uid").asText()).isEqualTo(opened.findingId());
        assertThat(finding.at("/finding_info/title").asText()).isEqualTo(opened.title());
        assertThat(finding.at("/finding_info/desc").asText()).isEqualTo(opened.description());
        assertThat(finding.at("/finding_info/types/0").asText()).isEqualTo("amplification-reflector");
        assertThat(finding.at("/finding_info/created_time").asLong()).isEqualTo(opened.firstSeen().toEpochMilli());
        assertThat(finding.at("/finding_info/modified_time").asLong()).isEqualTo(opened.lastSeen().toEpochMilli());
        assertThat(finding.at("/finding_info/analytic/uid").asText()).isEqualTo("amplification-reflector");
        assertThat(finding.at("/resources/0/uid").asText()).isEqualTo("ocsf-opened");
        assertThat(finding.at("/resources/0/hostname").asText()).isEqualTo("ocsf-opened.lab");
        assertThat(finding.at("/resources/0/ip").asText()).isEqualTo("192.0.2.10");
        assertThat(finding.at("/resources/0/labels/0").asText()).isEqualTo("zone:lab");
        assertThat(finding.at("/evidences/0/dst_endpoint/port").asInt()).isEqualTo(3283);
        assertThat(finding.at("/evidences/0/dst_endpoint/svc_name").asText()).isEqualTo("net-assist");
        assertThat(finding.at("/evidences/0/connection_info/protocol_name").asText()).isEqualTo("udp");
        assertThat(finding.at("/evidences/0/connection_info/protocol_num").asInt()).isEqualTo(17);
        assertThat(finding.at("/evidences/0/data/observed/responseBytes").asInt()).isEqualTo(1053);
        assertThat(finding.at("/remediation/desc").asText()).isEqualTo(opened.remediation());
        assertThat(finding.at("/metadata/version").asText()).isEqualTo("1.4.0");
        assertThat(finding.at("/metadata/uid").asText()).isEqualTo(Findings.dedupKey(opened));
        assertThat(finding.at("/metadata/product/name").asText()).isEqualTo("Portwatch");
        assertThat(finding.at("/metadata/product/vendor_name").asText()).isEqualTo("Portwatch");
    }

    @Test
    void everyStateOfAFindingIsAValidDetectionFindingWithItsStatusAndActivity() {
        List<FindingEvent> changes = List.of(Findings.reflector("ocsf-states", FindingState.OPEN, 1),
                Findings.reflector("ocsf-states", FindingState.ACKNOWLEDGED, 2), Findings.reflector("ocsf-states", FindingState.STALE, 3),
                Findings.reflector("ocsf-states", FindingState.SUPPRESSED, 4), Findings.reflector("ocsf-states", FindingState.RESOLVED, 5));
        changes.forEach(alerts::write);

        List<JsonNode> findings = changes.stream().map(this::received).toList();
        findings.forEach(finding -> assertThat(OcsfSchema.violations(finding)).as(finding.at("/metadata/uid").asText()).isEmpty());
        assertThat(findings).extracting(finding -> finding.path("status_id").asInt()).containsExactly(1, 2, 99, 3, 4);
        assertThat(findings).extracting(finding -> finding.path("activity_id").asInt()).containsExactly(1, 2, 2, 3, 3);
        assertThat(findings).extracting(finding -> finding.path("is_alert").asBoolean()).containsExactly(true, true, false, false, false);
    }

    @Test
    void processOwnedListenerWithHostileNamesIsAValidDetectionFinding() {
        // The host's name as alert-service publishes it (FindingEventContract: no control characters), the process's raw.
        FindingEvent hostile = Findings.unexpectedProcess("ocsf-hostile", "evil\\x1B[2J<script>\"host\"", "rapportd\u0000\n\"x\"",
                "/tmp/.x/\u202erapportd", "root\"}");
        alerts.write(hostile);

        JsonNode finding = received(hostile);
        assertThat(OcsfSchema.violations(finding)).isEmpty();
        assertThat(finding.at("/evidences/0/process/pid").asLong()).isEqualTo(4242);
        assertThat(finding.at("/evidences/0/process/name").asText()).isEqualTo("rapportd\u0000\n\"x\"");
        assertThat(finding.at("/evidences/0/process/file/path").asText()).isEqualTo("/tmp/.x/\u202erapportd");
        assertThat(finding.at("/evidences/0/process/user/name").asText()).isEqualTo("root\"}");
        assertThat(finding.at("/evidences/0/dst_endpoint/ip").asText()).isEqualTo("0.0.0.0");
        assertThat(finding.at("/evidences/0/connection_info/protocol_name").asText()).isEqualTo("tcp");
        assertThat(finding.at("/resources/0/hostname").asText()).isEqualTo("evil\\x1B[2J<script>\"host\"");
    }

    @Test
    void schemaRefusesWhatOcsfDoesNotAllow() {
        FindingEvent opened = Findings.reflector("ocsf-refused", FindingState.OPEN, 1);
        alerts.write(opened);
        JsonNode valid = received(opened);

        ObjectNode withoutUid = valid.deepCopy();
        ((ObjectNode) withoutUid.get("finding_info")).remove("uid");
        ObjectNode unknownAttribute = valid.deepCopy();
        unknownAttribute.put("portwatch_state", "OPEN");
        ObjectNode badSeverity = valid.deepCopy();
        badSeverity.put("severity_id", 7);
        ObjectNode otherClass = valid.deepCopy();
        otherClass.put("class_uid", 2001);
        ObjectNode portOutOfRange = valid.deepCopy();
        ((ObjectNode) portOutOfRange.at("/evidences/0/dst_endpoint")).put("port", 70000);
        for (ObjectNode invalid : List.of(withoutUid, unknownAttribute, badSeverity, otherClass, portOutOfRange)) {
            assertThat(OcsfSchema.violations(invalid)).isNotEmpty();
        }
    }

    /** The Detection Finding the receiver got for a change (a request carries one, or an array of up to the batch size). */
    private JsonNode received(FindingEvent event) {
        return await("OCSF finding " + Findings.dedupKey(event)).atMost(DEADLINE).until(() -> find(Findings.dedupKey(event)),
                Optional::isPresent).orElseThrow();
    }

    private Optional<JsonNode> find(String dedupKey) {
        List<JsonNode> findings = new ArrayList<>();
        for (TestReceiver.Request request : outputs.ocsf().accepted()) {
            try {
                JsonNode body = EventJson.mapper().readTree(request.body());
                if (body.isArray()) {
                    body.forEach(findings::add);
                } else {
                    findings.add(body);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return findings.stream().filter(finding -> dedupKey.equals(finding.at("/metadata/uid").asText())).findFirst();
    }
}
