package io.portwatch.registry.outbox;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRelayAdminConfigTest {

    @Test
    void theAdminClientConnectsAsTheOtherClientsDoAndGetsNoConsumerSettings() {
        Map<String, Object> kafka = Map.of(
                "bootstrap.servers", "portwatch-kafka-bootstrap:9093",
                "security.protocol", "SSL",
                "ssl.truststore.location", "/etc/portwatch/kafka/ca/ca.p12",
                "ssl.keystore.location", "/etc/portwatch/kafka/user/user.p12",
                "group.id", "registry",
                "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");

        assertThat(OutboxRelay.adminConfig(kafka)).containsOnlyKeys(
                "bootstrap.servers", "security.protocol", "ssl.truststore.location", "ssl.keystore.location");
    }
}
