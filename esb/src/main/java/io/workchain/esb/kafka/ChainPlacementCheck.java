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
 * <p>Partition counts come from the work consumer's own metadata, refreshed in the background every
 * minute: a topic only ever gains partitions, and a record on a partition past the known count
 * asks again at once.
 */
@ApplicationScoped
public class ChainPlacementCheck {

    private static final long REFRESH_NANOS = Duration.ofMinutes(1).toNanos();

    private final KafkaClientService clients;
    private final Map<String, Known> counts = new ConcurrentHashMap<>();
    private final Map<String, Uni<Integer>> fetching = new ConcurrentHashMap<>();

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
        if (known != null && seenPartition < known.partitions()) {
            if (System.nanoTime() - known.readAt() > REFRESH_NANOS) {
                // Served as known while one refresh runs beside: no record waits on the broker for it.
                fetch(topic, seenPartition).subscribe().with(count -> { }, error -> { });
            }
            return Uni.createFrom().item(known.partitions());
        }
        return fetch(topic, seenPartition);
    }

    /**
     * One question to the broker per topic at a time, shared by every record that needs its
     * answer: the consumer answers on its polling thread, between polls, so a question per record
     * would hold each one up to a poll.
     */
    private Uni<Integer> fetch(String topic, int seenPartition) {
        return fetching.computeIfAbsent(topic, t -> clients.getConsumer(Channels.WORK).partitionsFor(t)
                .map(infos -> {
                    int count = Math.max(infos.size(), seenPartition + 1);
                    counts.put(t, new Known(count, System.nanoTime()));
                    return count;
                })
                // The broker's metadata not at hand for a moment: asked again, not a failed record.
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .onTermination().invoke(() -> fetching.remove(t))
                .memoize().indefinitely());
    }
}
