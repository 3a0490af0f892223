package io.portwatch.alert.listeners;

import io.portwatch.alert.memo.NoChangeMemo;
import io.portwatch.alert.metrics.FindingGauges;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

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
 * refused whose dead letters were not taken are read again, with the partitions' first offsets ({@link PendingRefusals});
 * and the findings gauge is reported
 * by this instance only while it holds the partition that says so.
 */
@ApplicationScoped
@Identifier(ListenerRebalanceListener.NAME)
public class ListenerRebalanceListener implements KafkaConsumerRebalanceListener {

    static final String NAME = "alert-listeners-rebalance";
    private static final long FIRST_OFFSETS_TIMEOUT_SECONDS = 5;

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
        Set<TopicPartition> assignment = consumer.assignment();
        Set<Integer> held = partitionsOf(assignment);
        correlator.listenerPartitionsAssigned(held);
        pending.partitionsAssigned(held, firstOffsets(consumer, assignment));
        gauges.listenerPartitionsHeld(held);
    }

    /**
     * The first offset of each of these partitions: records below it are gone from the topic (its retention, or
     * records deleted), so the consumer never reads them again. Empty when the broker does not tell them within
     * {@value #FIRST_OFFSETS_TIMEOUT_SECONDS} s or refuses to: then what is kept of those records stays (as it would
     * without this), and the consumer goes on.
     */
    static Map<Integer, Long> firstOffsets(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<Integer, Long> first = new HashMap<>();
        try {
            consumer.beginningOffsets(partitions, Duration.ofSeconds(FIRST_OFFSETS_TIMEOUT_SECONDS))
                    .forEach((partition, offset) -> first.put(partition.partition(), offset));
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            Log.infof("The first offsets of partitions %s are not known now (%s): what is kept of their refused records stays",
                    partitions, e.getMessage());
            first.clear();
        }
        return first;
    }

    private static Set<Integer> partitionsOf(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toCollection(HashSet::new));
    }
}
