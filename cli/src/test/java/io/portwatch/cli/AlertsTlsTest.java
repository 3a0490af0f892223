package io.portwatch.cli;

import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.testing.KafkaBroker;
import io.portwatch.testing.KafkaTls;
import io.portwatch.testing.TopicWriter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code portwatch alerts} against a real broker's TLS listener with client certificates (as the Kubernetes cluster's),
 * configured the way the services are: {@code kafka.*} properties or {@code KAFKA_*} variables.
 */
class AlertsTlsTest {

    private static KafkaTls tls;
    private static KafkaBroker kafka;

    @BeforeAll
    static void startBroker() {
        tls = KafkaTls.create(Path.of("target"));
        kafka = KafkaBroker.start(Path.of("target"), tls);
        FindingEvent reflector = Findings.open("amplification-reflector", Severity.CRITICAL, "mac-1", Transport.UDP, 3283, "Reflector");
        RecordHeaders headers = new RecordHeaders();
        new CloudEvent(CloudEvent.SPEC_VERSION, "mac-1@1", "/portwatch/alert-service", "portwatch.finding.opened", Instant.now(),
                CloudEvent.JSON).writeTo(headers);
        try (TopicWriter writer = new TopicWriter(kafka.bootstrapServers())) {
            writer.send(Topics.ALERTS, "mac-1", EventJson.toBytes(reflector), List.<Header>of(headers.toArray()));
        }
    }

    @AfterAll
    static void stopBroker() {
        kafka.stop();
    }

    @Test
    void theServicesKafkaSettingsReachTheTlsListener() {
        AlertsCommand alerts = alerts(new KafkaClientSettings(tls.clientSettings()));

        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(alerts.call()).isEqualTo(ExitCodes.OK);
            assertThat(console.out().lines().skip(1).toList()).singleElement().asString()
                    .contains("CRITICAL", "opened", "mac-1", "udp/3283", "amplification-reflector");
        }
    }

    @Test
    void withoutItsClientCertificateTheBrokerIsUnavailable() {
        Map<String, String> trustOnly = new HashMap<>(tls.clientSettings());
        trustOnly.keySet().removeIf(name -> name.startsWith("ssl.keystore"));
        AlertsCommand alerts = alerts(new KafkaClientSettings(trustOnly));

        assertThatThrownBy(alerts::call).isInstanceOf(CliFailure.class)
                .hasMessageContaining("cannot read portwatch.alerts from " + kafka.tlsBootstrapServers())
                .satisfies(failure -> assertThat(((CliFailure) failure).exitCode()).isEqualTo(ExitCodes.UNAVAILABLE));
    }

    @Test
    void settingsAreReadFromKafkaPropertiesAndKafkaEnvironmentVariables() {
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.security.protocol", "SSL");
        properties.put("kafka.ssl.truststore.location", tls.brokerCert().toString());
        properties.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
        properties.put("KAFKA_SSL_KEYSTORE_LOCATION", tls.clientKeyStore().toString());
        properties.put("KAFKA_SSL_KEYSTORE_TYPE", "PKCS12");
        properties.put("KAFKA_SSL_KEYSTORE_PASSWORD", tls.password());
        properties.put("portwatch.cli.bootstrap-servers", "ignored:1");
        KafkaClientSettings settings = new KafkaClientSettings(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build());

        Map<String, Object> consumer = settings.consumer(kafka.tlsBootstrapServers());
        assertThat(consumer).containsEntry("security.protocol", "SSL").containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.keystore.location", tls.clientKeyStore().toString())
                .containsEntry("bootstrap.servers", kafka.tlsBootstrapServers()).containsEntry("enable.auto.commit", false)
                .doesNotContainKey("cli.bootstrap-servers");
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertThat(alerts(settings).call()).isEqualTo(ExitCodes.OK);
            assertThat(console.out()).contains("udp/3283");
        }
    }

    private static AlertsCommand alerts(KafkaClientSettings settings) {
        AlertsCommand alerts = new AlertsCommand(new TestConfig("http://127.0.0.1:9", kafka.tlsBootstrapServers()), settings);
        alerts.fromBeginning = true;
        alerts.timeoutSeconds = 60;
        return alerts;
    }
}
