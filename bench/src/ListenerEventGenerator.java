import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import io.portwatch.events.fleet.RecordSignature;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Listener events for the alert-pipeline benchmark, keyed by host like a probe writes them; loopback
 * broker only, bounded in count and time.
 *
 * write EVENTS HOSTS MIX: for each of HOSTS hosts a SNAPSHOT, then events on a few ports (legacy ones
 * among them, so findings open and resolve). MIX "churn": every later event opens or closes a listener
 * (the worst case: nearly every event changes a finding). MIX "fleet": like probes on a steady fleet,
 * 1 event in 10 opens or closes a listener and the rest are periodic SNAPSHOTs of what is open. MIX
 * "steady": each host's first SNAPSHOT opens some of the ports and every later event repeats it (no event
 * after the first round changes a finding: the ceiling of correlation without the database).
 *
 * Hosts are {@code bench-node/host-N}, under one node, as one host-mode probe reports its namespaces. With PROBE_ID
 * and KEY (base64, from enrolment) every record is signed as that probe signs (RecordSignature, from the events
 * jar on the class path) and names it; without them records are unsigned, from probe "bench".
 *
 * latency COUNT RATE SETTLE REST: opens an exposed eppc listener (tcp/3031) on new hosts, RATE per second, and times
 * each from the send of its listener event to the arrival of its finding on portwatch.alerts. Prints p50, p99 and max
 * of the first COUNT, right after the load before them, and of the REST sent SETTLE seconds after those (REST 0: none),
 * at rest: for some seconds after a load the service's JIT recompiles for the trickle while this JVM warms up, on the
 * same cores (bench/RESULTS.md, alert-latency-12). With the environment variable BENCH_LATENCY_TRACE set to a file,
 * also writes one line per finding there, in the order sent: when it was sent, in ms since the phase started (its first
 * line says when), then its latency in ms (where the tail comes from: one stall, a period, or the first events).
 *
 *   java -cp 'kafka-lib/*:events.jar' ListenerEventGenerator.java BOOTSTRAP write EVENTS HOSTS churn|fleet|steady [PROBE_ID KEY]
 *   java -cp 'kafka-lib/*:events.jar' ListenerEventGenerator.java BOOTSTRAP latency COUNT RATE SETTLE REST [PROBE_ID KEY]
 */
public final class ListenerEventGenerator {

    private static final int[][] PORTS = {{3031, 0}, {311, 0}, {548, 0}, {3283, 1}, {5900, 0}, {22, 0}, {8080, 0}, {29500, 0}};
    /** How long the latency phase may take beyond the time its sends are spread over. */
    private static final Duration LATENCY_DEADLINE = Duration.ofSeconds(120);
    private static final String NODE = "bench-node";
    private static final String COMPRESSION = System.getenv().getOrDefault("BENCH_COMPRESSION", "lz4");
    private static final Pattern HOST_ID = Pattern.compile("\"host\":\\{\"id\":\"(" + NODE + "/latency-\\d+)\"");

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = args[0];
        if (!bootstrap.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("benchmarks write to a loopback broker only: " + bootstrap);
        }
        int signer = args[1].equals("write") ? 5 : 6;
        Signer sign = args.length > signer + 1 ? new Signer(args[signer], Base64.getDecoder().decode(args[signer + 1])) : Signer.NONE;
        switch (args[1]) {
            case "write" -> write(bootstrap, Long.parseLong(args[2]), Integer.parseInt(args[3]), Mix.parse(args[4]), sign);
            case "latency" -> latency(bootstrap, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), sign);
            default -> throw new IllegalArgumentException("mode is write or latency, not " + args[1]);
        }
    }

    /** Signs records as an enrolled probe, or (NONE) leaves them unsigned from probe "bench". */
    private record Signer(String probeId, byte[] key) {
        static final Signer NONE = new Signer("bench", null);

        ProducerRecord<String, String> record(String host, String value) {
            ProducerRecord<String, String> record = new ProducerRecord<>("portwatch.listeners", host, value);
            if (key != null) {
                String signature = new RecordSignature(key).sign("portwatch.listeners", host, value.getBytes(StandardCharsets.UTF_8));
                record.headers().add(new RecordHeader(RecordSignature.PROBE_HEADER, probeId.getBytes(StandardCharsets.UTF_8)))
                        .add(new RecordHeader(RecordSignature.SIGNATURE_HEADER, signature.getBytes(StandardCharsets.US_ASCII)));
            }
            return record;
        }
    }

    private enum Mix {
        CHURN, FLEET, STEADY;

        static Mix parse(String mix) {
            return switch (mix) {
                case "churn" -> CHURN;
                case "fleet" -> FLEET;
                case "steady" -> STEADY;
                default -> throw new IllegalArgumentException("MIX is churn, fleet or steady, not " + mix);
            };
        }
    }

    private static void write(String bootstrap, long events, int hosts, Mix mix, Signer signer) {
        Random random = new Random(42);
        boolean[][] open = new boolean[hosts][PORTS.length];
        if (mix == Mix.STEADY) {
            for (boolean[] ports : open) {
                for (int port = 0; port < ports.length; port++) {
                    ports[port] = random.nextBoolean();
                }
            }
        }
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer(bootstrap, 20)) {
            for (long n = 0; n < events; n++) {
                int host = (int) (n % hosts);
                String hostId = NODE + "/host-" + host;
                String value;
                if (n < hosts || mix == Mix.STEADY || mix == Mix.FLEET && random.nextInt(10) != 0) {
                    value = event(signer.probeId(), hostId, "SNAPSHOT", openListeners(open[host]));
                } else {
                    int port = random.nextInt(PORTS.length);
                    open[host][port] = !open[host][port];
                    value = event(signer.probeId(), hostId, open[host][port] ? "OPENED" : "CLOSED", listener(PORTS[port]));
                }
                producer.send(signer.record(hostId, value));
            }
            producer.flush();
        }
        System.out.printf("wrote %d %s events for %d hosts in %.1f s%n", events, signer.key() == null ? "unsigned" : "signed", hosts,
                (System.nanoTime() - started) / 1e9);
    }

    private static void latency(String bootstrap, int count, int rate, int settleSeconds, int restCount, Signer signer)
            throws InterruptedException {
        int settleCount = settleSeconds * rate;
        int total = count + settleCount + restCount;
        Map<String, Integer> indexOf = new HashMap<>();
        long[] sentAt = new long[total];
        List<Timed> timed = new ArrayList<>();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer(bootstrap, 0);
             KafkaConsumer<String, String> alerts = alertsFromNow(bootstrap)) {
            long deadline = System.nanoTime() + LATENCY_DEADLINE.toNanos() + Duration.ofSeconds(total / rate).toNanos();
            long interval = 1_000_000_000L / rate;
            long nextSend = System.nanoTime();
            int sent = 0;
            while (timed.size() < total && System.nanoTime() < deadline) {
                if (sent < total && System.nanoTime() >= nextSend) {
                    String host = NODE + "/latency-" + sent;
                    indexOf.put(host, sent);
                    sentAt[sent++] = System.nanoTime();
                    producer.send(signer.record(host, event(signer.probeId(), host, "OPENED", listener(PORTS[0]))));
                    nextSend += interval;
                }
                for (ConsumerRecord<String, String> record : alerts.poll(Duration.ofMillis(1))) {
                    Matcher host = HOST_ID.matcher(record.value());
                    Integer index = host.find() ? indexOf.remove(host.group(1)) : null;
                    if (index != null) {
                        timed.add(new Timed(index, (sentAt[index] - started) / 1_000_000, (System.nanoTime() - sentAt[index]) / 1_000_000));
                    }
                }
            }
        }
        if (timed.size() < total) {
            throw new IllegalStateException(timed.size() + " of " + total + " findings arrived within the deadline");
        }
        timed.sort(Comparator.comparingInt(Timed::index));
        String tracePath = System.getenv("BENCH_LATENCY_TRACE");
        if (tracePath != null && !tracePath.isBlank()) {
            writeTrace(Path.of(tracePath), startedAt, timed);
        }
        System.out.printf("latency ms over %d findings at %d/s, right after the load: %s%n", count, rate,
                percentiles(timed.subList(0, count)));
        if (restCount > 0) {
            System.out.printf("latency ms at rest over %d findings at %d/s, after %d s more: %s%n", restCount, rate, settleSeconds,
                    percentiles(timed.subList(count + settleCount, total)));
        }
    }

    /** "p50 P p99 P max M" of the findings' latencies, in ms. */
    private static String percentiles(List<Timed> findings) {
        long[] sorted = findings.stream().mapToLong(Timed::latencyMs).sorted().toArray();
        int n = sorted.length;
        return "p50 " + sorted[n / 2] + " p99 " + sorted[(int) Math.ceil(n * 0.99) - 1] + " max " + sorted[n - 1];
    }

    /** The {@code index}-th finding of the latency phase: sent {@code sentMs} after the phase started, read {@code latencyMs} later. */
    private record Timed(int index, long sentMs, long latencyMs) {
    }

    /** A first line with the phase's start, then one line per finding in the order sent: sentMs latencyMs. */
    private static void writeTrace(Path path, Instant startedAt, List<Timed> trace) {
        List<String> lines = new ArrayList<>(trace.size() + 1);
        lines.add("# latency phase started at " + startedAt + "; per finding: ms sent after that, latency ms");
        trace.forEach(finding -> lines.add(finding.sentMs() + " " + finding.latencyMs()));
        try {
            Files.write(path, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the latency trace " + path, e);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap, int lingerMs) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION),
                new StringSerializer(), new StringSerializer());
    }

    /** A consumer of every partition of portwatch.alerts, positioned at its end. */
    private static KafkaConsumer<String, String> alertsFromNow(String bootstrap) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor("portwatch.alerts").stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static String event(String probeId, String host, String type, String listeners) {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"observedAt\":\"" + Instant.now()
                + "\",\"probe\":{\"id\":\"" + probeId + "\",\"zone\":\"bench\",\"mode\":\"HOST\"},\"host\":{\"id\":\"" + host
                + "\",\"name\":\"" + host + "\",\"addresses\":[],\"node\":\"" + NODE + "\"},\"listeners\":[" + listeners + "]}";
    }

    private static String openListeners(boolean[] open) {
        StringJoiner listeners = new StringJoiner(",");
        for (int port = 0; port < PORTS.length; port++) {
            if (open[port]) {
                listeners.add(listener(PORTS[port]));
            }
        }
        return listeners.toString();
    }

    private static String listener(int[] port) {
        return "{\"transport\":\"" + (port[1] == 1 ? "udp" : "tcp") + "\",\"address\":\"0.0.0.0\",\"port\":" + port[0]
                + ",\"ipVersion\":4,\"exposure\":\"ALL_INTERFACES\",\"process\":null,\"evidence\":null}";
    }
}
