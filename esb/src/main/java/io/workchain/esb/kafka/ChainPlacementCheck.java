package io.workchain.esb.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.workchain.common.kafka.ChainPlacement;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a client's work record is where its chain's records belong (keyed by its hash, on the
 * partition Kafka's Java partitioner gives the hash). One that is not (written by kcat, Python or
 * Go, whose partitioner is CRC32) is the notifier's to put in place; the ESB runs only the copy in
 * place, so a step runs once whichever partitioner wrote the record.
 *
 * <p>Partition counts come from the work consumer's own metadata, kept for a minute: a topic only
 * ever gains partitions, and a record on a partition past the known count asks again at once.
 */
@ApplicationScoped
public class ChainPlacementCheck {

    private static final long REFRESH_NANOS = Duration.ofMinutes(1).toNanos();

    private final KafkaClientService clients;
    private final Map<String, Known> counts = new ConcurrentHashMap<>();

    public ChainPlacementCheck(KafkaClientService clients) {
        this.clients = clients;
    }

    private record Known(int partitions, long readAt) {
    }

    /** Whether the record read with {@code key} from {@code topic}'s {@code partition} is in place for chain {@code hash}. */
    public Uni<Boolean> isInPlace(String topic, int partition, String key, String hash) {
        if (!hash.equals(key)) {
            return Uni.createFrom().item(false);
        }
        return partitions(topic, partition).map(count -> ChainPlacement.isInPlace(key, partition, hash, count));
    }

    private Uni<Integer> partitions(String topic, int seenPartition) {
        Known known = counts.get(topic);
        if (known != null && seenPartition < known.partitions() && System.nanoTime() - known.readAt() < REFRESH_NANOS) {
            return Uni.createFrom().item(known.partitions());
        }
        return clients.getConsumer(Channels.WORK).partitionsFor(topic)
                .map(infos -> {
                    int count = Math.max(infos.size(), seenPartition + 1);
                    counts.put(topic, new Known(count, System.nanoTime()));
                    return count;
                });
    }
}
