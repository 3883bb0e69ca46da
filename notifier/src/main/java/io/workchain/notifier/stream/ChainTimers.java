package io.workchain.notifier.stream;

import io.workchain.notifier.service.ChainState;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * One pending timer per chain, in a store ordered by time: key {@code <19-digit epoch ms>/<hash>},
 * so the chains due by now are one range scan away, however many chains are held. It is an index
 * of the chain states (each holds its {@code timerAt}): not changelogged, and rebuilt from the
 * chains store each time the processor starts (a restart, a partition moving here, a restore), so
 * it can never disagree with the states it indexes.
 */
final class ChainTimers {

    private static final int MAX_DUE_PER_SCAN = 1_000;

    private final KeyValueStore<String, String> store;

    ChainTimers(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** Drops whatever the index holds and indexes every chain state's timer anew. */
    void rebuildFrom(KeyValueStore<String, ChainState> chains) {
        DerivedStores.rebuild(store, chains, state -> {
            if (state.timerAt() > 0) {
                store.put(key(state.timerAt(), state.hash()), state.hash());
            }
        });
    }

    /** Moves a chain's timer from {@code previous} (0: none) to {@code next} (0: none). */
    void move(String hash, long previous, long next) {
        if (previous == next) {
            return;
        }
        if (previous > 0) {
            store.delete(key(previous, hash));
        }
        if (next > 0) {
            store.put(key(next, hash), hash);
        }
    }

    /** The chains whose timer is due by {@code now} (at most a bounded batch: the rest come next time). */
    List<KeyValue<String, String>> due(long now) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> range = store.range(key(0, ""), key(now, "~"))) {
            while (range.hasNext() && due.size() < MAX_DUE_PER_SCAN) {
                due.add(range.next());
            }
        }
        return due;
    }

    void remove(String key) {
        store.delete(key);
    }

    static String key(long at, String hash) {
        // Zero-padded by hand: String.format showed up in the notifier's profile (docs/performance.md).
        String digits = Long.toString(Math.max(0, at));
        StringBuilder key = new StringBuilder(20 + hash.length());
        for (int i = digits.length(); i < 19; i++) {
            key.append('0');
        }
        return key.append(digits).append('/').append(hash).toString();
    }
}
