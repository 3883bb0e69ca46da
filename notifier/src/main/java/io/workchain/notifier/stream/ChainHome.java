package io.workchain.notifier.stream;

import io.workchain.common.kafka.ChainPlacement;

/**
 * Where a chain's records belong on a topic: the partition Kafka's Java partitioner gives its hash
 * among that topic's partitions, which is where the topology's sinks write a key. A record read
 * elsewhere (a client's partitioner is not Java's, say) is written again keyed by its hash before
 * anything is decided about it; judged per topic, the copy is in place by construction, whatever
 * the two topics' partition counts.
 */
@FunctionalInterface
public interface ChainHome {

    /** How many partitions {@code topic} has. */
    int partitions(String topic);

    /** Whether a record read with {@code key} from {@code partition} of {@code topic} is in place for chain {@code hash}. */
    default boolean isInPlace(String key, String topic, int partition, String hash) {
        return hash.equals(key) && ChainPlacement.isInPlace(key, partition, hash, partitions(topic));
    }
}
