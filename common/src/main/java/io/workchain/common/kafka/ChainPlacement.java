package io.workchain.common.kafka;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/**
 * Where a chain's records belong: the partition that Kafka's Java partitioner (murmur2 of the key's
 * UTF-8 bytes) gives its hash. The notifier folds a chain's work record and its notifications in
 * one task, so they must meet on one partition; clients place keyed records with their own
 * partitioner (librdkafka's CRC32 for kcat, Python, Go, .NET), so the first service that reads a
 * record keyed otherwise, or sitting elsewhere, puts it back where it belongs (the notifier) and
 * acts only on records in place (the notifier and the ESB).
 */
public final class ChainPlacement {

    private ChainPlacement() {}

    /** The partition of {@code hash} among {@code partitions}: what Kafka's Java producer picks for that key. */
    public static int partitionOf(String hash, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("a topic has at least one partition, not " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(hash.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * Whether a record of chain {@code hash}, read with {@code key} from {@code partition} of a topic
     * of {@code partitions}, is where the chain's records belong: keyed by its hash, on its partition.
     */
    public static boolean isInPlace(String key, int partition, String hash, int partitions) {
        return hash.equals(key) && partition == partitionOf(hash, partitions);
    }
}
