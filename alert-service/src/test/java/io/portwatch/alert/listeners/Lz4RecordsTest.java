package io.portwatch.alert.listeners;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.ListenerEvent;
import io.quarkus.test.junit.QuarkusTest;
import net.jpountz.lz4.LZ4Factory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listener records a producer compressed with lz4: the service decompresses them with lz4-java's JNI binding, as the
 * broker and any Kafka client on a plain class path do, not with the pure-Java fallback lz4-java takes in any other
 * class loader than the system one (Quarkus loads the application's libraries in its own; alert-service's
 * {@code quarkus.class-loading.parent-first-artifacts} gives lz4-java to the system class loader).
 */
@QuarkusTest
class Lz4RecordsTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void kafkasLz4StreamsTakeTheJniDecompressor() {
        assertThat(LZ4Factory.class.getClassLoader()).isSameAs(ClassLoader.getSystemClassLoader());
        assertThat(LZ4Factory.fastestInstance()).as("the factory Kafka's lz4 stream takes its decompressor from")
                .isSameAs(LZ4Factory.nativeInstance());
    }

    @Test
    void anLz4CompressedEventIsCorrelated() throws Exception {
        ListenerEvent opened = Fixtures.openedOnAllInterfaces("lz4-host", AFP);
        try (AlertFlow flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
             KafkaProducer<String, byte[]> lz4 = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                     ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer())) {
            lz4.send(new ProducerRecord<>(Topics.LISTENERS, opened.host().id(), EventJson.toBytes(opened))).get(30, TimeUnit.SECONDS);
            flow.awaitFinding("lz4-host", AFP, "legacy-service-exposed", FindingState.OPEN);
        }
    }
}
