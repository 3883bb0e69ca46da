package io.workchain.common.warmup;

import io.workchain.common.codec.WireFormat;
import io.workchain.common.limits.MessageLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmUpTest {

    @Test
    void runsThePlannedRounds() {
        AtomicInteger runs = new AtomicInteger();
        WarmUpReport report = WarmUp.run("test", runs::incrementAndGet, 250, Duration.ofMinutes(1));
        assertEquals(250, runs.get());
        assertEquals(250, report.rounds());
        assertNull(report.failure());
    }

    @Test
    void stopsAtItsTimeLimit() {
        AtomicInteger runs = new AtomicInteger();
        WarmUpReport report = WarmUp.run("test", () -> {
            runs.incrementAndGet();
            sleep(20);
        }, 1_000_000, Duration.ofMillis(100));
        assertTrue(report.rounds() < 1_000_000, report.toString());
        assertEquals(runs.get(), report.rounds());
    }

    @Test
    void aRoundThatThrowsEndsTheWarmUpWithoutFailingTheService() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        WarmUp warmUp = WarmUp.inBackground("test", () -> {
            if (runs.incrementAndGet() == 3) {
                throw new IllegalStateException("broken round");
            }
        }, 10, Duration.ofMinutes(1));
        assertTrue(warmUp.await(Duration.ofSeconds(10)));
        assertTrue(warmUp.done());
        WarmUpReport report = warmUp.report().orElseThrow();
        assertEquals(2, report.rounds());
        assertNotNull(report.failure());
        assertTrue(report.failure().contains("broken round"), report.failure());
    }

    @Test
    void noRoundsPlannedIsDoneAtOnce() throws InterruptedException {
        WarmUp warmUp = WarmUp.inBackground("test", () -> {
            throw new AssertionError("no round should run");
        }, 0, Duration.ofMinutes(1));
        assertTrue(warmUp.await(Duration.ofSeconds(10)));
        assertEquals(0, warmUp.report().orElseThrow().rounds());
    }

    @Test
    void theChainRoundRunsInEveryWireFormat() {
        for (WireFormat format : WireFormat.values()) {
            WarmUpReport report = WarmUp.run("test", new ChainMessagesRound(MessageLimits.DEFAULTS, format), 50,
                    Duration.ofMinutes(1));
            assertEquals(50, report.rounds(), format + ": " + report);
            assertNull(report.failure(), format + ": " + report);
        }
    }

    @Test
    void afterItsRoundsItWaitsAtLeastOneWindowForTheCompiler() {
        WarmUpReport report = WarmUp.run("test", new ChainMessagesRound(MessageLimits.DEFAULTS, WireFormat.JSON), 500,
                Duration.ofMinutes(1));
        assertEquals(500, report.rounds(), report.toString());
        assertTrue(report.settling().compareTo(CompilerQuiet.WINDOW) >= 0, report.toString());
        assertTrue(report.toString().contains("the JIT settled in"), report.toString());
    }

    @Test
    void waitingForTheCompilerStaysWithinTheTimeLimit() {
        Duration limit = Duration.ofMillis(600);
        WarmUpReport report = WarmUp.run("test", new ChainMessagesRound(MessageLimits.DEFAULTS, WireFormat.JSON),
                1_000_000, limit);
        // The rounds take the whole limit; the compiler gets no window beyond it.
        assertTrue(report.took().plus(report.settling()).compareTo(limit.plus(CompilerQuiet.WINDOW)) <= 0,
                report.toString());
    }

    @Test
    void noWaitForTheCompilerWhenNoRoundRan() {
        WarmUpReport report = WarmUp.run("test", () -> {}, 0, Duration.ofMinutes(1));
        assertTrue(report.settling().compareTo(CompilerQuiet.WINDOW) < 0, report.toString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
