package io.workchain.common.kafka;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A chain's partition is the one Kafka's own Java producer picks for its hash, for any key and partition count. */
class ChainPlacementTest {

    @Property(tries = 2000)
    void theChainsPartitionIsTheJavaProducers(@ForAll String key,
            @ForAll @IntRange(min = 1, max = 1000) int partitions) {
        assertEquals(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions),
                ChainPlacement.partitionOf(key, partitions));
    }

    @Test
    void aRecordIsInPlaceOnlyKeyedByItsHashOnItsPartition() {
        String hash = "3dd453dbc080e8ab3687c8ae74b6dbe1";
        int home = ChainPlacement.partitionOf(hash, 3);
        assertTrue(ChainPlacement.isInPlace(hash, home, hash, 3));
        assertFalse(ChainPlacement.isInPlace(hash, (home + 1) % 3, hash, 3), "keyed by its hash, elsewhere");
        assertFalse(ChainPlacement.isInPlace("other", home, hash, 3), "on its partition, keyed otherwise");
        assertFalse(ChainPlacement.isInPlace(null, home, hash, 3), "not keyed");
        assertThrows(IllegalArgumentException.class, () -> ChainPlacement.partitionOf(hash, 0));
    }

    /**
     * Why the rule is needed at all: librdkafka's default partitioner (CRC32 of the key) puts many
     * hashes elsewhere. Vector 2 of docs/hash.md is one of them among 3 partitions.
     */
    @Test
    void librdkafkasPartitionerPlacesSomeHashesElsewhere() {
        String hash = "3dd453dbc080e8ab3687c8ae74b6dbe1";
        CRC32 crc = new CRC32();
        crc.update(hash.getBytes(StandardCharsets.UTF_8));
        assertNotEquals(ChainPlacement.partitionOf(hash, 3), (int) (crc.getValue() % 3));
    }
}
