package io.workchain.notifier.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

import java.util.OptionalInt;

/**
 * A chain's partition as Kafka Streams places its key in the chains store: Kafka's Java
 * partitioner (murmur2) over the source topics' partition count as of the last assignment, the
 * same rule as {@code ChainPlacement} in common and as every sink of the topology. Asked of the
 * running application, so no second client and no partition count to configure.
 */
@ApplicationScoped
public class StreamsChainHome implements ChainHome {

    private final Instance<KafkaStreams> streams;
    private final Serializer<String> keys = Serdes.String().serializer();

    /** Lazily: the application is built from the topology this class is part of. */
    public StreamsChainHome(Instance<KafkaStreams> streams) {
        this.streams = streams;
    }

    @Override
    public OptionalInt partitionOf(String hash) {
        KeyQueryMetadata metadata = streams.get().queryMetadataForKey(TopologyNames.CHAINS_STORE, hash, keys);
        return metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.partition() < 0
                ? OptionalInt.empty() : OptionalInt.of(metadata.partition());
    }
}
