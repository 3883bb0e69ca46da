package io.workchain.notifier.stream;

import io.workchain.notifier.service.ChainState;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timer keys sort by time, as the store's range scan needs; the index is rebuilt from the chain states alone. */
class ChainTimersTest {

    @Test
    void keysAreZeroPaddedSoTheySortByTime() {
        assertEquals("0000000000000001000/abc", ChainTimers.key(1000, "abc"));
        assertEquals("9223372036854775807/h", ChainTimers.key(Long.MAX_VALUE, "h"));
        assertEquals("0000000000000000000/h", ChainTimers.key(-5, "h"));
        assertTrue(ChainTimers.key(999, "ffff").compareTo(ChainTimers.key(1000, "0000")) < 0);
    }

    /** What a restart or a partition moving here does: the (unlogged) index is rebuilt from the (changelogged) states. */
    @Test
    void theIndexIsRebuiltFromTheStatesAndForgetsWhatTheyDoNotSay() {
        MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
        KeyValueStore<String, ChainState> chains = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("chains"),
                Serdes.String(), new ChainStateSerde()).withLoggingDisabled().build();
        KeyValueStore<String, String> index = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("timers"),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        chains.init(context.getStateStoreContext(), chains);
        index.init(context.getStateStoreContext(), index);
        chains.put("a", ChainState.empty("a", 0).withTimer(2_000));
        chains.put("b", ChainState.empty("b", 0).withTimer(1_000));
        chains.put("c", ChainState.empty("c", 0).withTimer(0));
        index.put(ChainTimers.key(500, "gone"), "gone"); // left by a state that no longer exists

        ChainTimers timers = new ChainTimers(index);
        timers.rebuildFrom(chains);

        assertEquals(List.of("b"), timers.due(1_500).stream().map(entry -> entry.value).toList());
        assertEquals(List.of("b", "a"), timers.due(2_500).stream().map(entry -> entry.value).toList());
        assertEquals(
                List.of(KeyValue.pair(ChainTimers.key(1_000, "b"), "b"),
                        KeyValue.pair(ChainTimers.key(2_000, "a"), "a")),
                timers.due(Long.MAX_VALUE), "a chain without a timer is not indexed");
    }
}
