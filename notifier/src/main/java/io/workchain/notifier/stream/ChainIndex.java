package io.workchain.notifier.stream;

import io.workchain.notifier.query.ChainView;
import io.workchain.notifier.service.ChainState;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The chains' summaries, newest first: key {@code <19-digit (Long.MAX_VALUE - updated at)>/<hash>},
 * value the summary the console lists (ChainView.summary, a few hundred bytes), so a listing reads
 * summaries in the order it shows them and stops when it has enough, instead of reading every
 * chain's state (up to a megabyte each). Like the timers, an index of the chain states: not
 * changelogged, rebuilt from the chains store each time the processor starts.
 */
final class ChainIndex {

    private final KeyValueStore<String, String> store;

    ChainIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** Drops whatever the index holds and indexes every chain state anew. */
    void rebuildFrom(KeyValueStore<String, ChainState> chains) {
        DerivedStores.rebuild(store, chains, this::put);
    }

    /** A chain's state changed from {@code before} (null: new) to {@code after} (null: removed). */
    void update(ChainState before, ChainState after) {
        if (before != null && (after == null || before.updatedAt() != after.updatedAt())) {
            store.delete(key(before.updatedAt(), before.hash()));
        }
        if (after != null) {
            put(after);
        }
    }

    private void put(ChainState state) {
        store.put(key(state.updatedAt(), state.hash()), ChainView.summary(state).toString());
    }

    /** Newest first: the timers' key of the time's complement. */
    static String key(long updatedAt, String hash) {
        return ChainTimers.key(Long.MAX_VALUE - Math.max(0, updatedAt), hash);
    }
}
