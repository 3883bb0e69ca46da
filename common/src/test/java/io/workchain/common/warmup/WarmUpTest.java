package io.workchain.common.warmup;

import io.workchain.common.codec.WireFormat;
import io.workchain.common.limits.MessageLimits;
import io.workchain.common.warmup.WarmUpReport.JitWait;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    void afterItsRoundsItWaitsForTheCompilerToBeQuietTwoWindowsInARow() {
        assumeTrue(ManagementFactory.getCompilationMXBean() != null
                && ManagementFactory.getCompilationMXBean().isCompilationTimeMonitoringSupported(),
                "this JVM does not measure its compilation time");
        WarmUpReport report = WarmUp.run("test", new ChainMessagesRound(MessageLimits.DEFAULTS, WireFormat.JSON), 500,
                Duration.ofMinutes(1));
        assertEquals(500, report.rounds(), report.toString());
        assertEquals(JitWait.QUIET, report.jitWait(), report.toString());
        assertTrue(report.settling().compareTo(CompilerQuiet.WINDOW.multipliedBy(CompilerQuiet.QUIET_WINDOWS)) >= 0,
                report.toString());
        assertTrue(report.toString().contains("the JIT quiet after"), report.toString());
    }

    @Test
    void roundsThatTakeTheWholeLimitLeaveNoTimeToWaitForTheCompiler() {
        WarmUpReport report = WarmUp.run("test", new ChainMessagesRound(MessageLimits.DEFAULTS, WireFormat.JSON),
                1_000_000, Duration.ofMillis(600));
        assertTrue(report.settling().compareTo(CompilerQuiet.WINDOW) < 0, report.toString());
        assertNotEquals(JitWait.QUIET, report.jitWait(), report.toString());
    }

    @Test
    void lessThanAWindowLeftAfterTheRoundsIsNoTimeToWaitForTheCompiler() {
        // One round ends 100 ms before the limit: too little for a look at the compiler.
        WarmUpReport report = WarmUp.run("test", () -> sleep(400), 1, Duration.ofMillis(500));
        assertEquals(1, report.rounds(), report.toString());
        assertTrue(report.settling().compareTo(CompilerQuiet.WINDOW) < 0, report.toString());
        assertNotEquals(JitWait.QUIET, report.jitWait(), report.toString());
    }

    @Test
    void noWaitForTheCompilerWhenNoRoundRan() {
        WarmUpReport report = WarmUp.run("test", () -> {}, 0, Duration.ofMinutes(1));
        assertEquals(JitWait.SKIPPED, report.jitWait(), report.toString());
        assertTrue(report.settling().compareTo(CompilerQuiet.WINDOW) < 0, report.toString());
    }

    @Test
    void anErrorInARoundStillEndsTheWarmUp() throws InterruptedException {
        WarmUp warmUp = WarmUp.inBackground("test", () -> {
            throw new AssertionError("made up: an Error no round should throw");
        }, 10, Duration.ofMinutes(1));
        assertTrue(warmUp.await(Duration.ofSeconds(10)), "readiness would stay DOWN for ever");
        assertNotNull(warmUp.report().orElseThrow().failure());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
