package io.workchain.notifier.stream;

import io.workchain.notifier.service.ChainState;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The stores derived from the chain states (the timers, the listing's index): not changelogged,
 * so each is emptied and filled again from the chains store whenever the processor starts, and
 * can never disagree with the states it is derived from.
 */
final class DerivedStores {

    private DerivedStores() {}

    /** Empties {@code derived}, then hands every chain state to {@code add}. */
    static void rebuild(KeyValueStore<String, String> derived, KeyValueStore<String, ChainState> chains,
            Consumer<ChainState> add) {
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, String> all = derived.all()) {
            all.forEachRemaining(entry -> stale.add(entry.key));
        }
        stale.forEach(derived::delete);
        try (KeyValueIterator<String, ChainState> states = chains.all()) {
            states.forEachRemaining(entry -> {
                if (entry.value != null) {
                    add.accept(entry.value);
                }
            });
        }
    }
}
