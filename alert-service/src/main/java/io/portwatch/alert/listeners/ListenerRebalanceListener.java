package io.portwatch.alert.listeners;

import io.portwatch.alert.memo.NoChangeMemo;
import io.portwatch.alert.metrics.FindingGauges;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The listener topic's consumer rebalance listener: when partitions move between instances, another
 * instance may have changed the findings of the hosts this one had settled, so it forgets them; the
 * listeners of hosts on partitions it no longer holds are forgotten too; the records of its partitions the database
 * refused whose dead letters were not taken are read again ({@link PendingRefusals}); and the findings gauge is reported
 * by this instance only while it holds the partition that says so.
 */
@ApplicationScoped
@Identifier(ListenerRebalanceListener.NAME)
public class ListenerRebalanceListener implements KafkaConsumerRebalanceListener {

    static final String NAME = "alert-listeners-rebalance";

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
        pending.partitionsAssigned(held);
        gauges.listenerPartitionsHeld(held);
    }

    private static Set<Integer> partitionsOf(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toCollection(HashSet::new));
    }
}
