package io.portwatch.alert.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.config.AlertConfig;
import io.portwatch.events.Topics;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.contract.FindingChangeRecord;
import io.portwatch.events.json.MalformedEventException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The finding changes of {@code portwatch.alerts} as they are published, for the console's live stream. Read as the
 * command line's {@code alerts --follow} reads them: one consumer per instance, assigned every partition, no group and
 * no commits, each record checked by {@link FindingChangeRecord} (one that is not this service's finding change is
 * skipped and counted). Every stream gets every change; a stream whose subscriber has requested none loses the newest
 * ones (counted), never holding back the others or the consumer.
 * <p>
 * While no stream is open the reader is paused and fetches nothing. A stream opens when the HTTP layer subscribes to
 * it, so that no change is read before there is a subscriber to get it. When one opens, the reader goes on from the
 * first record stamped since it was requested ({@code offsetsForTimes} over the records' producer timestamps, which
 * each instance's clock sets), so what was published in the up to half a second it takes to notice still comes, within
 * the instances' clock skew. It never goes back before where it had read to when it last paused, and where a record
 * some producer stamped ahead of time lies before that, it goes on from there passing over the records stamped before
 * the stream opened: such a record is read again at most once per instance (where it paused is not kept across
 * restarts), and never brings the changes published while no stream was open. After it lost its connection, it goes on
 * where it was.
 */
@ApplicationScoped
public class LiveFindings {

    private static final Logger LOG = Logger.getLogger(LiveFindings.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long RETRY_SECONDS = 5;
    private static final long WARN_EVERY_MS = 10_000;

    /** The records before offset {@code until} stamped before {@code since} (epoch ms): published while no stream was open. */
    private record Backlog(long until, long since) {

        boolean holds(ConsumerRecord<?, ?> record) {
            return record.offset() < until && record.timestamp() < since;
        }
    }

    private final Map<String, Object> kafkaConfig;
    private final AlertConfig.Console config;
    /** The streams requested and not yet ended, subscribed or not: what {@code max-live-streams} bounds. */
    private final AtomicInteger streams = new AtomicInteger();
    /** The open streams: those subscribed, each fed every change the reader passes on. */
    private final Set<MultiEmitter<? super LiveChange>> open = new CopyOnWriteArraySet<>();
    /** Guards {@link #firstOpenedAt} together with the {@link #open} streams it was set for. */
    private final Object opening = new Object();
    /** When the last stream to find none open was requested: where a paused reader goes on from. */
    private Instant firstOpenedAt = Instant.EPOCH;
    /** 1 while the reader fetches (a stream is open), 0 while it is paused or reconnecting. */
    private final AtomicInteger reading = new AtomicInteger();
    /** Where the reader had got to in each partition while streams were open: a new connection goes on from there. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** Where the reader had got to in each partition when it last paused: it never goes back before that. */
    private final Map<TopicPartition, Long> floors = new HashMap<>();
    /** Per partition resumed at its floor past a record stamped ahead: the records it passes over. */
    private final Map<TopicPartition, Backlog> backlogs = new HashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Counter skipped;
    private final Counter dropped;
    private final Counter read;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread reader;
    private long lastWarning;

    public LiveFindings(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, AlertConfig config, MeterRegistry registry) {
        this.kafkaConfig = kafkaConfig;
        this.config = config.console();
        this.skipped = Counter.builder("portwatch.alert.live.skipped")
                .description("records of portwatch.alerts the live stream skipped: not this service's finding changes").register(registry);
        this.dropped = Counter.builder("portwatch.alert.live.dropped")
                .description("finding changes a slow live stream did not get").register(registry);
        this.read = Counter.builder("portwatch.alert.live.read")
                .description("records of portwatch.alerts the live reader fetched (none while no stream is open)").register(registry);
        registry.gauge("portwatch.alert.live.streams", streams);
        registry.gauge("portwatch.alert.live.reading", reading);
    }

    void start(@Observes StartupEvent startup) {
        reader = new Thread(this::read, "portwatch-live-findings");
        reader.setDaemon(true);
        reader.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stopped.countDown();
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (reader != null) {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
        open.forEach(MultiEmitter::complete);
    }

    /**
     * A stream of the finding changes published from now on. The reader starts once a stream is subscribed, not when
     * it is requested: the streams that open while none is open get the changes stamped since the earliest of their
     * requests; one that opens while the reader reads gets what it reads from then on. A change that comes while the
     * subscriber has no items requested is dropped for it (counted): what the subscriber requests ahead is the
     * stream's buffer ({@code live-stream-buffer} for {@link io.portwatch.alert.api.LiveResource}).
     *
     * @return the stream, or empty when {@code max-live-streams} are requested and not ended already
     */
    public Optional<Multi<LiveChange>> subscribe() {
        Instant requested = Instant.now();
        if (streams.incrementAndGet() > config.maxLiveStreams()) {
            streams.decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(Multi.createFrom().<LiveChange>emitter(stream -> opened(stream, requested), BackPressureStrategy.IGNORE)
                .onOverflow().invoke(change -> dropped.increment()).drop()
                .onTermination().invoke(streams::decrementAndGet));
    }

    private void opened(MultiEmitter<? super LiveChange> stream, Instant requested) {
        synchronized (opening) {
            if (open.isEmpty() || requested.isBefore(firstOpenedAt)) {
                firstOpenedAt = requested; // read by the reader only as it resumes
            }
            open.add(stream);
        }
        // Set after the add: an action set on a stream cancelled already runs at once, so none is left in the set.
        stream.onTermination(() -> open.remove(stream));
    }

    private void read() {
        while (stopped.getCount() > 0) {
            try (KafkaConsumer<String, byte[]> current = newConsumer()) {
                consumer = current;
                List<TopicPartition> partitions = partitions(current);
                if (partitions.isEmpty()) {
                    pause("no topic " + Topics.ALERTS + " yet");
                    continue;
                }
                current.assign(partitions);
                current.pause(partitions);
                reading.set(0);
                while (stopped.getCount() > 0) {
                    follow(current, partitions);
                    ConsumerRecords<String, byte[]> records = current.poll(POLL);
                    read.increment(records.count());
                    records.forEach(this::publish);
                    if (reading.get() == 1) {
                        partitions.forEach(partition -> positions.put(partition, current.position(partition)));
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (KafkaException e) {
                reading.set(0);
                pause("cannot read " + Topics.ALERTS + ": " + e.getMessage());
            }
        }
    }

    /**
     * Pauses the reader when the last stream closed. When a stream is open and the reader is not reading, moves it to
     * where it was before it lost its connection, or else to the first record stamped since the stream opened (the
     * end of a partition without one) but not before where it paused (unless the topic was created again since), and
     * resumes it.
     */
    private void follow(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        boolean wanted;
        long since;
        synchronized (opening) {
            wanted = !open.isEmpty();
            since = firstOpenedAt.toEpochMilli();
        }
        if (!wanted) {
            floors.putAll(positions);
            positions.clear();
            backlogs.clear();
            if (reading.get() == 1) {
                consumer.pause(partitions);
                reading.set(0);
            }
            return;
        }
        if (reading.get() == 1) {
            return;
        }
        List<TopicPartition> unplaced = partitions.stream().filter(partition -> !positions.containsKey(partition)).toList();
        if (!unplaced.isEmpty()) {
            // The ends first: a record appended after them is stamped since, so found by its time.
            Map<TopicPartition, Long> ends = consumer.endOffsets(unplaced);
            Map<TopicPartition, Long> times = new HashMap<>();
            unplaced.forEach(partition -> times.put(partition, since));
            Map<TopicPartition, OffsetAndTimestamp> firsts = consumer.offsetsForTimes(times);
            for (TopicPartition partition : unplaced) {
                OffsetAndTimestamp first = firsts.get(partition);
                long end = ends.get(partition);
                long floor = floors.getOrDefault(partition, 0L);
                if (first == null || floor > end || first.offset() >= floor) {
                    positions.put(partition, first != null ? first.offset() : end);
                } else {
                    positions.put(partition, floor);
                    backlogs.put(partition, new Backlog(end, since));
                }
            }
        }
        partitions.forEach(partition -> consumer.seek(partition, positions.get(partition)));
        consumer.resume(partitions);
        reading.set(1);
    }

    private void publish(ConsumerRecord<String, byte[]> record) {
        Backlog backlog = backlogs.isEmpty() ? null : backlogs.get(new TopicPartition(record.topic(), record.partition()));
        if (backlog != null && backlog.holds(record)) {
            return;
        }
        try {
            FindingChangeRecord read = FindingChangeRecord.read(record);
            LiveChange change = new LiveChange(read.kind(), read.event());
            open.forEach(stream -> stream.emit(change));
        } catch (MalformedEventException e) {
            skipped.increment();
            long now = System.currentTimeMillis();
            if (now - lastWarning >= WARN_EVERY_MS) {
                lastWarning = now;
                LOG.warnf("Live stream skipped %s-%d@%d (%.0f skipped so far, this warning at most every %d s): %s", record.topic(),
                        record.partition(), record.offset(), skipped.count(), WARN_EVERY_MS / 1000,
                        ControlCharacters.escapeAndCut(e.getMessage(), 200));
            }
        }
    }

    private void pause(String why) {
        LOG.warnf("Live stream of finding changes waits %d s: %s", RETRY_SECONDS, why);
        try {
            stopped.await(RETRY_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
        }
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.ALERTS, Duration.ofSeconds(10));
        return infos == null ? List.of() : infos.stream().map(info -> new TopicPartition(Topics.ALERTS, info.partition())).toList();
    }
}
