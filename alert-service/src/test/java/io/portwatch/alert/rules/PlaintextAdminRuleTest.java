package io.portwatch.alert.rules;

import io.portwatch.alert.Fixtures;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Exposure;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlaintextAdminRuleTest {

    private static final PortKey WEBADMIN = new PortKey(Transport.TCP, 311);
    private static final PortKnowledge PLAINTEXT = Fixtures.knowledge(WEBADMIN, ServiceStatus.DEPRECATED, Risk.HIGH,
            List.of(), null, true);

    private final PlaintextAdminRule rule = new PlaintextAdminRule();

    @Test
    void exposedServiceKnownToTakePlaintextCredentialsIsHigh() {
        Verdict verdict = rule.evaluate(Fixtures.host("srv"), Fixtures.listener(WEBADMIN, "0.0.0.0", Exposure.ALL_INTERFACES),
                PLAINTEXT).orElseThrow();

        assertThat(verdict.severity()).isEqualTo(Severity.HIGH);
        assertThat(verdict.description()).contains("knowledge");
    }

    @Test
    void evidenceOfBasicAuthOverPlainHttpIsQuotedAndConfirmsAnyPort() {
        PortKey other = new PortKey(Transport.TCP, 8080);
        Evidence basic = new Evidence("http", 90, 400, null, false, 401, "WebAdmin/1.0", "Basic realm=\"admin\"");

        Verdict verdict = rule.evaluate(Fixtures.host("srv"),
                Fixtures.withEvidence(Fixtures.listener(other, "198.51.100.7", Exposure.REACHABLE), basic),
                PortKnowledge.unassigned(other)).orElseThrow();

        assertThat(verdict.severity()).isEqualTo(Severity.HIGH);
        assertThat(verdict.description()).contains("Basic realm=\"admin\"", "WebAdmin/1.0");
    }

    @Test
    void tlsEvidenceClearsIt() {
        Evidence tls = new Evidence("http", 90, 400, null, true, 200, "nginx", null);

        assertThat(rule.evaluate(Fixtures.host("srv"),
                Fixtures.withEvidence(Fixtures.listener(WEBADMIN, "198.51.100.7", Exposure.REACHABLE), tls), PLAINTEXT)).isEmpty();
    }

    @Test
    void anHttpsOnlyAdminThatRefusesPlainHttpIsNotPlaintext() {
        // nginx's answer to plain HTTP on a TLS port: 400 "The plain HTTP request was sent to HTTPS port".
        Evidence httpsOnly = new Evidence("http", 90, 250, null, true, 400, "nginx", null, null, "CN=admin.example",
                Instant.parse("2027-01-01T00:00:00Z"), true);

        assertThat(rule.evaluate(Fixtures.host("srv"),
                Fixtures.withEvidence(Fixtures.listener(WEBADMIN, "198.51.100.7", Exposure.REACHABLE), httpsOnly), PLAINTEXT)).isEmpty();
    }

    @Test
    void credentialsAskedForInClearBesideTlsAreStillPlaintext() {
        Evidence both = new Evidence("http", 90, 250, null, true, 401, "WebAdmin/1.0", "Basic realm=\"admin\"", null, "CN=admin",
                null, false);

        assertThat(rule.evaluate(Fixtures.host("srv"),
                Fixtures.withEvidence(Fixtures.listener(WEBADMIN, "198.51.100.7", Exposure.REACHABLE), both), PLAINTEXT)
                .orElseThrow().description()).contains("over plain HTTP");
    }

    @Test
    void evidenceCutShortByATarpitNeitherConfirmsNorClears() {
        Evidence tarpit = new Evidence("http", 18, 3, null, true, null, null, null, true, null, null, null);
        PortKey other = new PortKey(Transport.TCP, 8080);

        assertThat(rule.evaluate(Fixtures.host("srv"),
                Fixtures.withEvidence(Fixtures.listener(WEBADMIN, "198.51.100.7", Exposure.REACHABLE), tarpit), PLAINTEXT)
                .orElseThrow().description()).contains("knowledge");
        assertThat(rule.evaluate(Fixtures.host("srv"),
                Fixtures.withEvidence(Fixtures.listener(other, "198.51.100.7", Exposure.REACHABLE), tarpit),
                PortKnowledge.unassigned(other))).isEmpty();
    }

    @Test
    void loopbackIsInformational() {
        assertThat(rule.evaluate(Fixtures.host("srv"), Fixtures.listener(WEBADMIN, "127.0.0.1", Exposure.LOOPBACK), PLAINTEXT)
                .orElseThrow().severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void serviceWithoutPlaintextCredentialsIsNotJudged() {
        PortKey ssh = new PortKey(Transport.TCP, 22);
        assertThat(rule.evaluate(Fixtures.host("srv"), Fixtures.listener(ssh, "0.0.0.0", Exposure.ALL_INTERFACES),
                Fixtures.knowledge(ssh, ServiceStatus.ACTIVE, Risk.NONE))).isEmpty();
    }
}
