package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.portwatch.events.Topics;
import io.portwatch.events.json.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code portwatch alerts}: a Kafka subscriber of the alert topics, printing each finding change as a
 * table row. This is also the example to copy for subscribers: assign the partitions, read, check each
 * record where it enters ({@link FindingRecord}): a record that is not a finding change is skipped with one
 * warning line on stderr naming its topic-partition@offset and the reason, counted, and the read goes on.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Finding changes from portwatch.alerts (or a route's topic), one line each.")
public class AlertsCommand implements Callable<Integer> {

    /**
     * The seed pages' findings, each at the least severity that proves it: 3283/udp reached with a
     * measured ratio (CRITICAL), 311/tcp asking for credentials over plain HTTP from the network (HIGH),
     * and 3031/tcp owned by a process that is not rapportd (any severity: on loopback it is MEDIUM).
     */
    static final Map<String, String> SEEDS = Map.of("amplification-reflector udp/3283", "CRITICAL", "plaintext-admin tcp/311", "HIGH",
            "unexpected-process tcp/3031", "INFO");
    private static final List<String> SEVERITIES = List.of("INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Option(names = "--follow", description = "keep reading new changes until stopped (Ctrl-C)")
    boolean follow;

    @Option(names = "--from-beginning", description = "start with the oldest change kept, not with the next one")
    boolean fromBeginning;

    @Option(names = "--route", description = "read portwatch.alerts.<route> (e.g. paging) instead of portwatch.alerts")
    String route;

    @Option(names = "--json", description = "print each change's JSON, one per line")
    boolean json;

    @Option(names = "--until-seeds", description = "stop, with exit code 0, once the three seed findings (3283/udp reflector, "
            + "311/tcp plaintext admin, 3031/tcp unexpected process) are open")
    boolean untilSeeds;

    @Option(names = "--timeout", description = "give up after this many seconds (exit code 4)")
    Integer timeoutSeconds;

    private final CliConfig config;
    private final KafkaClientSettings kafka;
    /** Records of this run that were not finding changes (read by the summary at Ctrl-C too). */
    private final AtomicInteger skipped = new AtomicInteger();

    public AlertsCommand(CliConfig config, KafkaClientSettings kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    @Override
    public Integer call() {
        String topic = route == null ? Topics.ALERTS : Topics.alertRoute(route);
        long deadline = timeoutSeconds == null ? Long.MAX_VALUE : System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        Set<String> seedsSeen = new LinkedHashSet<>();
        skipped.set(0);
        Thread summaryAtInterrupt = new Thread(this::reportSkipped, "portwatch-alerts-summary");
        Runtime.getRuntime().addShutdownHook(summaryAtInterrupt);
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            if (!json) {
                System.out.println(Terminal.bold(Terminal.pad("TIME", 8) + "  " + FindingColumns.streamHeader()));
            }
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read(record).ifPresent(finding -> {
                        print(record, finding);
                        seen(finding.json(), seedsSeen);
                    });
                }
                if (untilSeeds && seedsSeen.containsAll(SEEDS.keySet())) {
                    return ExitCodes.OK;
                }
                if (!follow && !untilSeeds && partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition))) {
                    return ExitCodes.OK;
                }
            }
        } catch (KafkaException e) {
            throw new CliFailure(ExitCodes.UNAVAILABLE, "cannot read " + topic + " from " + config.bootstrapServers() + ": " + e.getMessage());
        } finally {
            endOfRun(summaryAtInterrupt);
        }
        System.err.println(Terminal.safe("portwatch: timed out after " + timeoutSeconds + " s" + (untilSeeds ? "; seed findings seen: " + seedsSeen : "")));
        return ExitCodes.TIMED_OUT;
    }

    /** Says how many records were skipped, once: here, or from the shutdown hook when the run is interrupted (Ctrl-C). */
    private void endOfRun(Thread summaryAtInterrupt) {
        try {
            Runtime.getRuntime().removeShutdownHook(summaryAtInterrupt);
        } catch (IllegalStateException shuttingDown) {
            return;
        }
        reportSkipped();
    }

    private void reportSkipped() {
        int count = skipped.get();
        if (count > 0) {
            System.err.println("portwatch: skipped " + count + (count == 1 ? " record that was not a finding change"
                    : " records that were not finding changes"));
        }
    }

    /** The record as a finding change, or empty (after a warning line, counted) when it is not one. */
    private Optional<FindingRecord> read(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(FindingRecord.read(record));
        } catch (MalformedEventException e) {
            int count = skipped.incrementAndGet();
            System.err.println(Terminal.safe("portwatch: skipped " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " (" + count + " so far), not a finding change: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(kafka.consumer(config.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            throw new CliFailure(ExitCodes.NOT_FOUND, "no topic " + topic);
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private void print(ConsumerRecord<String, byte[]> record, FindingRecord finding) {
        if (json) {
            System.out.println(JsonOutput.line(finding.json()));
            return;
        }
        String time = LocalTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneId.systemDefault()).format(TIME);
        System.out.println(Terminal.pad(time, 8) + "  " + FindingColumns.streamRow(finding.json(), finding.kind()));
    }

    private static void seen(JsonNode finding, Set<String> seedsSeen) {
        String seed = finding.path("rule").asText() + " " + finding.path("listener").path("transport").asText() + "/"
                + finding.path("listener").path("port").asText();
        String least = SEEDS.get(seed);
        if (least != null && "OPEN".equals(finding.path("state").asText())
                && SEVERITIES.indexOf(finding.path("severity").asText()) >= SEVERITIES.indexOf(least)) {
            seedsSeen.add(seed);
        }
    }
}
