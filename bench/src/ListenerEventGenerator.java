import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Writes synthetic listener events to portwatch.listeners for the alert-pipeline benchmark: for each of
 * HOSTS hosts a SNAPSHOT, then OPENED/CLOSED events on a few ports (legacy ones among them, so findings
 * open and resolve), keyed by host like a probe writes them. Bounded by EVENTS; loopback broker only.
 *
 *   java -cp 'kafka-lib/*' ListenerEventGenerator.java BOOTSTRAP EVENTS HOSTS [PREFIX]
 */
public final class ListenerEventGenerator {

    private static final int[][] PORTS = {{3031, 0}, {311, 0}, {548, 0}, {3283, 1}, {5900, 0}, {22, 0}, {8080, 0}, {29500, 0}};

    public static void main(String[] args) {
        String bootstrap = args[0];
        long events = Long.parseLong(args[1]);
        int hosts = Integer.parseInt(args[2]);
        String prefix = args.length > 3 ? args[3] : "bench-host-";
        if (!bootstrap.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("benchmarks write to a loopback broker only: " + bootstrap);
        }
        Random random = new Random(42);
        boolean[][] open = new boolean[hosts][PORTS.length];
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new StringSerializer())) {
            for (long n = 0; n < events; n++) {
                int host = (int) (n % hosts);
                String value;
                if (n < hosts) {
                    value = event(prefix + host, "SNAPSHOT", "");
                } else {
                    int port = random.nextInt(PORTS.length);
                    open[host][port] = !open[host][port];
                    value = event(prefix + host, open[host][port] ? "OPENED" : "CLOSED", listener(PORTS[port]));
                }
                producer.send(new ProducerRecord<>("portwatch.listeners", prefix + host, value));
            }
            producer.flush();
        }
        System.out.printf("wrote %d events for %d hosts in %.1f s%n", events, hosts, (System.nanoTime() - started) / 1e9);
    }

    private static String event(String host, String type, String listeners) {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"observedAt\":\"" + Instant.now()
                + "\",\"probe\":{\"id\":\"bench\",\"zone\":\"bench\",\"mode\":\"HOST\"},\"host\":{\"id\":\"" + host
                + "\",\"name\":\"" + host + "\",\"addresses\":[]},\"listeners\":[" + listeners + "]}";
    }

    private static String listener(int[] port) {
        return "{\"transport\":\"" + (port[1] == 1 ? "udp" : "tcp") + "\",\"address\":\"0.0.0.0\",\"port\":" + port[0]
                + ",\"ipVersion\":4,\"exposure\":\"ALL_INTERFACES\",\"process\":null,\"evidence\":null}";
    }
}
