package io.portwatch.alert.listeners;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/**
 * The listener topic's consumer rebalance listener: when partitions move between instances, another
 * instance may have changed the findings of the hosts this one had settled, so it forgets them.
 */
@ApplicationScoped
@Identifier(ListenerPartitionsMoved.NAME)
public class ListenerPartitionsMoved implements KafkaConsumerRebalanceListener {

    static final String NAME = "alert-listeners-rebalance";

    private final SettledHosts settled;

    public ListenerPartitionsMoved(SettledHosts settled) {
        this.settled = settled;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        settled.forgetAll();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        settled.forgetAll();
    }
}
