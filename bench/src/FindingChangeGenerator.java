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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Finding changes for the notifier benchmark: COUNT distinct findings (a 3283/udp reflector on host bench-host-N,
 * OPEN, HIGH, version 1) written to portwatch.alerts as alert-service writes them (keyed by finding id, CloudEvent
 * headers). Loopback broker only; bounded by COUNT.
 *
 *   java -cp 'notifier-service/target/quarkus-app/lib/main/*' FindingChangeGenerator.java 127.0.0.1:19392 20000
 */
public class FindingChangeGenerator {

    public static void main(String[] args) {
        String bootstrap = args[0];
        int count = Integer.parseInt(args[1]);
        if (!bootstrap.startsWith("127.") && !bootstrap.startsWith("localhost:")) {
            throw new IllegalArgumentException("the benchmark writes to a loopback broker only, not " + bootstrap);
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        Instant now = Instant.now();
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                FindingEvent event = reflector("bench-host-" + i, now);
                RecordHeaders headers = new RecordHeaders();
                new CloudEvent(CloudEvent.SPEC_VERSION, event.findingId() + "@1", "/portwatch/alert-service", "portwatch.finding.opened",
                        now, CloudEvent.JSON).writeTo(headers);
                producer.send(new ProducerRecord<>("portwatch.alerts", null, event.findingId(), EventJson.toBytes(event), headers));
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("written %d finding changes in %.1f s (%.0f/s)%n", count, seconds, count / seconds);
    }

    private static FindingEvent reflector(String host, Instant now) {
        Listener listener = new Listener(Transport.UDP, "192.0.2.10", 3283, 4, Exposure.REACHABLE, null,
                new Evidence("arms-status", 32, 1034, null, null, null, null, null));
        return new FindingEvent(FindingIds.of(host, new PortKey(Transport.UDP, 3283), "amplification-reflector"),
                "amplification-reflector", Severity.HIGH, FindingState.OPEN, new HostInfo(host, host, List.of("192.0.2.10")), "bench",
                host, new ProbeInfo("probe-bench", "bench", ProbeMode.NETWORK), listener,
                new KnowledgeSummary("net-assistant", ServiceStatus.ACTIVE, Risk.HIGH),
                "UDP 3283 on " + host + " is an amplification reflector (x32.3)", "ARMS answers 32 bytes with 1034.",
                "Block 3283/udp.", List.of(), now, now, 1);
    }
}
