package io.portwatch.alert.listeners;

import io.portwatch.alert.memo.NoChangeMemo;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The listener topic's consumer rebalance listener: when partitions move between instances, another
 * instance may have changed the findings of the hosts this one had settled, so it forgets them; and the
 * listeners of hosts on partitions it no longer holds are forgotten too.
 */
@ApplicationScoped
@Identifier(ListenerRebalanceListener.NAME)
public class ListenerRebalanceListener implements KafkaConsumerRebalanceListener {

    static final String NAME = "alert-listeners-rebalance";

    private final NoChangeMemo memo;
    private final Correlator correlator;

    public ListenerRebalanceListener(NoChangeMemo memo, Correlator correlator) {
        this.memo = memo;
        this.correlator = correlator;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        memo.forgetAll();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        memo.forgetAll();
        // The whole assignment: with the cooperative protocol, partitions holds only the ones added.
        correlator.listenerPartitionsAssigned(consumer.assignment().stream().map(TopicPartition::partition).collect(Collectors.toSet()));
    }
}
