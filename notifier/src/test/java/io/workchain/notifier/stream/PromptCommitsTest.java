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
    void aFreshRecordAtASteadyLowRateCommitsAtOnceAndOneCloseBehindWaitsForTheInterval() {
        PromptCommits commits = new PromptCommits(Duration.ofMillis(5));
        assertTrue(commits.commitAfter(1_000, 999), "the first record: nothing came before it");
        assertFalse(commits.commitAfter(1_002, 1_001), "2 ms behind another: under load, the interval decides");
        assertFalse(commits.commitAfter(1_006, 1_005), "4 ms behind the one before, 6 ms after the last prompt commit");
        assertFalse(commits.commitAfter(1_061, 1_061), "55 ms later, but the one before came 4 ms after its own");
        assertTrue(commits.commitAfter(1_111, 1_110), "50 ms after one that came after a gap too: a steady low rate");
        assertTrue(commits.commitAfter(1_161, 1_160), "and the next, as at 20 chains a second");
    }

    /** Under load, a quiet moment is a pause between bursts: a burst's first record is not committed alone. */
    @Test
    void theFirstRecordOfABurstWaitsForTheInterval() {
        PromptCommits commits = new PromptCommits(Duration.ofMillis(5));
        commits.commitAfter(1_000, 1_000);
        commits.commitAfter(1_001, 1_001);
        commits.commitAfter(1_002, 1_002);
        assertFalse(commits.commitAfter(1_012, 1_012), "10 ms after a burst's last record: the next burst's first");
        assertFalse(commits.commitAfter(1_013, 1_013), "and its second");
    }

    /**
     * Under load, the thread's own commit can outlast the gap: the first record after it comes long
     * after the one before, but it was written while the commit ran and waited; a commit at once
     * after it would make one per pass.
     */
    @Test
    void aRecordThatWaitedDuringACommitDoesNotCommitAtOnce() {
        PromptCommits commits = new PromptCommits(Duration.ofMillis(5));
        commits.commitAfter(1_000, 1_000);
        assertFalse(commits.commitAfter(1_008, 1_002), "processed 8 ms after the one before, but written 6 ms ago");
        assertFalse(commits.commitAfter(1_020, 1_015), "written just the gap ago");
        assertTrue(commits.commitAfter(1_030, 1_026), "written 4 ms ago, after a 10 ms gap");
    }

    /** A producer's clock is its own: early, it can only ask as a fresh record would; late, it never asks. */
    @Test
    void aTimestampFromAnotherClockNeverMakesCommitsMoreFrequentThanTheGaps() {
        PromptCommits commits = new PromptCommits(Duration.ofMillis(5));
        commits.commitAfter(1_000, 1_000);
        assertFalse(commits.commitAfter(1_001, 9_999_999), "an early clock: still 1 ms behind the one before");
        assertFalse(commits.commitAfter(1_010, 9_999_999), "an early clock after a gap, but the first after a burst");
        assertTrue(commits.commitAfter(1_020, 9_999_999), "an early clock after gaps: as a fresh record");
        assertFalse(commits.commitAfter(1_100, 0), "a late clock: the interval decides");
    }

    @Test
    void zeroTurnsThemOffAndANegativeGapIsRefused() {
        PromptCommits off = new PromptCommits(Duration.ZERO);
        assertFalse(off.commitAfter(1_000, 1_000));
        assertFalse(off.commitAfter(60_000, 60_000));
        assertThrows(IllegalArgumentException.class, () -> new PromptCommits(Duration.ofMillis(-1)));
    }

    @Test
    void theFoldAsksForACommitAfterAFreshWorkRecordAtAQuietMomentOnly() {
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
        assertFalse(context.committed(), "49 ms later, but the one before came close behind the first");

        context.resetCommit();
        fold(fold, context, 10_100, 3);
        assertTrue(context.committed(), "50 ms later again: a steady low rate");

        context.resetCommit();
        fold(fold, context, 10_150, 4, 10_140);
        assertFalse(context.committed(), "50 ms later, but written 10 ms before: it waited");
    }

    @Test
    void theFoldNeverAsksByDefault() {
        MockProcessorContext<String, byte[]> context = context();
        ChainFoldProcessor fold = processor(context, null);
        fold(fold, context, 10_000, 0);
        fold(fold, context, 20_000, 1);
        assertFalse(context.committed());
        assertEquals(2, context.forwarded(TopologyNames.STEPS_SINK).size());
    }

    private static void fold(ChainFoldProcessor fold, MockProcessorContext<String, byte[]> context, long now,
            long offset) {
        fold(fold, context, now, offset, now);
    }

    /** A new one-step chain's work record, written at {@code writtenAt} and processed at {@code now}. */
    private static void fold(ChainFoldProcessor fold, MockProcessorContext<String, byte[]> context, long now,
            long offset, long writtenAt) {
        WorkMessage chain = WorkMessage.builder()
                .item(0, Request.http("demo", "/api/text/upper", "POST", "{\"text\":\"chain " + offset + "\"}"))
                .build();
        String hash = ChainHash.ensure(chain).hash();
        context.setCurrentSystemTimeMs(now);
        context.setRecordMetadata(Topics.WORK, 0, offset);
        fold.process(new Record<>(hash, MessageCodec.toJson(chain), writtenAt));
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

    /** The fold's processor with the idle gap {@code idle}, or its default when null. */
    private static ChainFoldProcessor processor(MockProcessorContext<String, byte[]> context, String idle) {
        NotifierConfig config = new SmallRyeConfigBuilder()
                .withMapping(NotifierConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(
                        idle == null ? Map.of() : Map.of("workchain.notifier.prompt-commit-after-idle", idle))
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
