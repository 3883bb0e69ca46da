package io.workchain.notifier.stream;

import java.util.OptionalInt;

/**
 * The partition of the work and notification topics where a chain's records belong: where the
 * fold keeps its state. A record read elsewhere (a client's partitioner is not Java's, say) is put
 * back keyed by its hash, onto its chain's partition, before anything is decided about it.
 */
@FunctionalInterface
public interface ChainHome {

    /** The chain's partition, or empty while it cannot be known (the assignment is not settled). */
    OptionalInt partitionOf(String hash);

    /** Whether a record read with {@code key} from {@code partition} is in place for chain {@code hash}. */
    default boolean isInPlace(String key, int partition, String hash) {
        if (!hash.equals(key)) {
            return false;
        }
        OptionalInt home = partitionOf(hash);
        // Unknown (rare: between assignments), the record is taken where it is, as before placement was checked.
        return home.isEmpty() || home.getAsInt() == partition;
    }
}
