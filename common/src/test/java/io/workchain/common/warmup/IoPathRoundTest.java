package io.workchain.common.warmup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IoPathRoundTest {

    @Test
    void callsEveryNthRoundAndRunsTheServicesRoundEveryTime() {
        AtomicInteger rounds = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        IoPathRound round = new IoPathRound("a peer", rounds::incrementAndGet, () -> calls.incrementAndGet() > 0, 3);
        for (int i = 0; i < 10; i++) {
            round.run();
        }
        assertEquals(10, rounds.get());
        // Turns 0, 3, 6 and 9.
        assertEquals(4, calls.get());
        assertEquals(4, round.calls());
        assertFalse(round.stopped());
    }

    @Test
    void theFirstFailedCallEndsTheCallsButNotTheRounds() {
        AtomicInteger rounds = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        IoPathRound round = new IoPathRound("a peer that is down", rounds::incrementAndGet, () -> {
            if (attempts.incrementAndGet() == 3) {
                throw new IllegalStateException("connection refused");
            }
            return true;
        }, 1);
        WarmUpReport report = WarmUp.run("test", round, 50, Duration.ofMinutes(1));
        assertEquals(50, report.rounds());
        assertNull(report.failure(), "a failed call is not a failed warm-up");
        assertEquals(50, rounds.get());
        assertEquals(3, attempts.get(), "no call after the failed one");
        assertEquals(2, round.calls());
        assertTrue(round.stopped());
        assertTrue(round.describe().contains("stopped"), round.describe());
    }

    @Test
    void aCallNotPossibleYetIsTriedAgainAndNotCounted() {
        AtomicInteger attempts = new AtomicInteger();
        IoPathRound round = new IoPathRound("a server not yet listening", () -> {},
                () -> attempts.incrementAndGet() > 4,
                1);
        for (int i = 0; i < 10; i++) {
            round.run();
        }
        assertEquals(10, attempts.get());
        assertEquals(6, round.calls());
        assertFalse(round.stopped());
    }

    @Test
    void theWarmUpReportsItsCallsOnceItHasEnded() throws InterruptedException {
        IoPathRound round = new IoPathRound("a peer", () -> {}, () -> true, 2);
        WarmUp warmUp = WarmUp.inBackground("test", round, 10, Duration.ofMinutes(1));
        assertTrue(warmUp.await(Duration.ofSeconds(30)));
        assertEquals("5 calls to a peer", warmUp.calls().orElseThrow().replaceAll(" \\(.*", ""));
        WarmUp without = WarmUp.inBackground("test", () -> {}, 10, Duration.ofMinutes(1));
        assertTrue(without.await(Duration.ofSeconds(30)));
        assertTrue(without.calls().isEmpty(), "a round that makes no calls reports none");
    }

    @Test
    void aCallEveryZeroRoundsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new IoPathRound("a peer", () -> {}, () -> true, 0));
    }
}
