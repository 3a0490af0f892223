package io.portwatch.alert.listeners;

import io.portwatch.alert.memo.NoChangeMemo;
import io.portwatch.alert.metrics.FindingGauges;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The listener topic's consumer rebalance listener: when partitions move between instances, another
 * instance may have changed the findings of the hosts this one had settled, so it forgets them; the
 * listeners of hosts on partitions it no longer holds are forgotten too; the records of its partitions the database
 * refused whose dead letters were not taken are read again, with where the consumer reads each added partition from
 * ({@link PendingRefusals}); and the findings gauge is reported
 * by this instance only while it holds the partition that says so.
 */
@ApplicationScoped
@Identifier(ListenerRebalanceListener.NAME)
public class ListenerRebalanceListener implements KafkaConsumerRebalanceListener {

    static final String NAME = "alert-listeners-rebalance";
    private static final long POSITION_TIMEOUT_SECONDS = 5;

    private final NoChangeMemo memo;
    private final Correlator correlator;
    private final FindingGauges gauges;
    private final PendingRefusals pending;

    public ListenerRebalanceListener(NoChangeMemo memo, Correlator correlator, FindingGauges gauges, PendingRefusals pending) {
        this.memo = memo;
        this.correlator = correlator;
        this.pending = pending;
        this.gauges = gauges;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        memo.forgetAll();
        Set<Integer> kept = partitionsOf(consumer.assignment());
        kept.removeAll(partitionsOf(partitions));
        gauges.listenerPartitionsHeld(kept);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        memo.forgetAll();
        // The whole assignment: with the cooperative protocol, partitions holds only the ones added.
        Set<Integer> held = partitionsOf(consumer.assignment());
        correlator.listenerPartitionsAssigned(held);
        pending.partitionsAssigned(held, readFrom(consumer, partitions));
        gauges.listenerPartitionsHeld(held);
    }

    /**
     * The offset the consumer reads each of these partitions from: the group's committed offset, or where the reset
     * policy puts it, and never below the partition's first offset (a committed offset past the topic's retention is
     * found out of range only when fetched). None when it cannot tell them all within {@value #POSITION_TIMEOUT_SECONDS} s
     * each.
     */
    static Map<Integer, Long> readFrom(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<Integer, Long> readFrom = new HashMap<>();
        Duration timeout = Duration.ofSeconds(POSITION_TIMEOUT_SECONDS);
        try {
            Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions, timeout);
            for (TopicPartition partition : partitions) {
                readFrom.put(partition.partition(), Math.max(consumer.position(partition, timeout), first.getOrDefault(partition, 0L)));
            }
        } catch (TimeoutException e) {
            Log.infof("Where partitions %s are read from is not known now (%s): their kept refused records stay", partitions, e.getMessage());
            readFrom.clear();
        }
        return readFrom;
    }

    private static Set<Integer> partitionsOf(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toCollection(HashSet::new));
    }
}
