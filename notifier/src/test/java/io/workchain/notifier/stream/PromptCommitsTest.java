package io.workchain.notifier.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.workchain.common.Topics;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.Request;
import io.workchain.common.message.WorkMessage;
import io.workchain.notifier.config.NotifierConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the fold asks for its transaction to commit at once: the rule alone, then the fold's
 * processor asking Kafka Streams' processor context for it (Kafka Streams' own mock context, which
 * records the request: the commit itself is the broker's, run against a real one in NotifierTest
 * and the e2e suite).
 */
class PromptCommitsTest {

    @Test
    void aRecordAfterAQuietGapCommitsAtOnceAndOneCloseBehindWaitsForTheInterval() {
        PromptCommits commits = new PromptCommits(Duration.ofMillis(5));
        assertTrue(commits.commitAfter(1_000), "the first record: nothing came before it");
        assertFalse(commits.commitAfter(1_002), "2 ms behind another: under load, the interval decides");
        assertFalse(commits.commitAfter(1_006), "4 ms behind the one before, though 6 ms after the last prompt commit");
        assertTrue(commits.commitAfter(1_011), "5 ms after the one before: the notifier was idle");
        assertTrue(commits.commitAfter(1_061));
    }

    @Test
    void zeroTurnsThemOffAndANegativeGapIsRefused() {
        PromptCommits off = new PromptCommits(Duration.ZERO);
        assertFalse(off.commitAfter(1_000));
        assertFalse(off.commitAfter(60_000));
        assertThrows(IllegalArgumentException.class, () -> new PromptCommits(Duration.ofMillis(-1)));
    }

    @Test
    void theFoldAsksForACommitAfterAWorkRecordAtAQuietMomentOnly() {
        MockProcessorContext<String, byte[]> context = context();
        ChainFoldProcessor fold = processor(context, "5ms");

        fold(fold, context, 10_000, 0);
        assertTrue(context.committed(), "the first chain's admission commits at once");
        assertEquals(1, context.forwarded(TopologyNames.STEPS_SINK).size(), "its first step forwarded");

        context.resetCommit();
        fold(fold, context, 10_001, 1);
        assertFalse(context.committed(), "a chain 1 ms behind it waits for the commit interval");

        context.resetCommit();
        fold(fold, context, 10_050, 2);
        assertTrue(context.committed(), "a chain 49 ms later, the notifier idle meanwhile");
    }

    @Test
    void theFoldNeverAsksWhenTheyAreOff() {
        MockProcessorContext<String, byte[]> context = context();
        ChainFoldProcessor fold = processor(context, "0ms");
        fold(fold, context, 10_000, 0);
        fold(fold, context, 20_000, 1);
        assertFalse(context.committed());
        assertEquals(2, context.forwarded(TopologyNames.STEPS_SINK).size());
    }

    private static void fold(ChainFoldProcessor fold, MockProcessorContext<String, byte[]> context, long now,
            long offset) {
        WorkMessage chain = WorkMessage.builder()
                .item(0, Request.http("demo", "/api/text/upper", "POST", "{\"text\":\"chain " + offset + "\"}"))
                .build();
        String hash = ChainHash.ensure(chain).hash();
        context.setCurrentSystemTimeMs(now);
        context.setRecordMetadata(Topics.WORK, 0, offset);
        fold.process(new Record<>(hash, MessageCodec.toJson(chain), now));
    }

    private static MockProcessorContext<String, byte[]> context() {
        MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
        store(context, Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TopologyNames.CHAINS_STORE),
                Serdes.String(), new ChainStateSerde()).withLoggingDisabled().build());
        store(context, Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TopologyNames.TIMERS_STORE),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build());
        store(context, Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TopologyNames.INDEX_STORE),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build());
        return context;
    }

    private static void store(MockProcessorContext<String, byte[]> context, StateStore store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private static ChainFoldProcessor processor(MockProcessorContext<String, byte[]> context, String idle) {
        NotifierConfig config = new SmallRyeConfigBuilder()
                .withMapping(NotifierConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(Map.of("workchain.notifier.prompt-commit-after-idle", idle))
                .build()
                .getConfigMapping(NotifierConfig.class);
        ChainHome everyRecordInPlace = new ChainHome() {
            @Override
            public int partitions(String topic) {
                return 1;
            }

            @Override
            public boolean isInPlace(String key, String topic, int partition, String hash) {
                return hash.equals(key);
            }
        };
        ChainFoldProcessor fold = new ChainFoldProcessor(config, new ChainMetrics(new SimpleMeterRegistry()),
                OpenTelemetry.noop().getTracer("test"), everyRecordInPlace,
                new PromptCommits(config.notifier().promptCommitAfterIdle()));
        fold.init(context);
        return fold;
    }
}
