package io.workchain.esb.kafka;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which steps partitions this ESB owns, as its consumer group last said: readiness waits for the
 * first assignment (an empty one included: more ESBs than partitions is a group that has settled),
 * so the run script, Kubernetes and KEDA count an instance only once it can take work.
 */
@ApplicationScoped
@Identifier(StepsAssignment.NAME)
public class StepsAssignment implements KafkaConsumerRebalanceListener {

    /** The name the steps channel's {@code consumer-rebalance-listener.name} gives. */
    public static final String NAME = "steps-assignment";

    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private volatile boolean joined;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.addAll(partitions);
        joined = true;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
    }

    /** Whether the group has given this consumer its share at least once. */
    public boolean joined() {
        return joined;
    }

    public int partitionsOwned() {
        return owned.size();
    }
}
