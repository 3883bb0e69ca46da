package io.workchain.tools.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overload phase's figures from what the driver saw: goodput, every message once, recovery. */
class OverloadTest {

    private static final long S = 1_000_000_000L;

    @Test
    void goodputCountsTheOverloadsAnswersUntilFiveSecondsAfterItsEnd() {
        // 10 s at 200/s against a maximum of 100/s: 100 answers a second from 0 to 20 s (the backlog).
        List<LoadDriver.Completion> completions = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            completions.add(new LoadDriver.Completion(0, i * S / 200, (i + 1) * S / 100, false));
        }
        // The probe: window 1 (0-5 s after the end) still slow, window 2 back to 10 ms.
        for (int i = 0; i < 100; i++) {
            completions.add(new LoadDriver.Completion(1, 10 * S + i * S / 20, 21 * S, false));
            completions
                    .add(new LoadDriver.Completion(2, 15 * S + i * S / 20, 15 * S + i * S / 20 + 10_000_000L, false));
        }
        Overload overload = Overload.of("workchain", 200, run(completions, 2200, 0, List.of(100, 100)), 100, 8.0);
        assertEquals(100, overload.goodput(), 1); // 1,500 answers in 15 s
        assertEquals(1.0, overload.goodputRatio(), 0.01);
        assertEquals(100, overload.during(), 1);
        assertEquals(100, overload.after(), 1);
        assertEquals(10, overload.drainedAfterSeconds(), 0.01);
        assertTrue(overload.exactlyOnce());
        assertTrue(overload.overloaded());
        assertEquals(10.0, overload.recoveredAfterSeconds());
        assertEquals(2, overload.windows().size());
    }

    @Test
    void aBacklogDrainedEarlyIsNotCountedAsIdleTime() {
        List<LoadDriver.Completion> completions = new ArrayList<>();
        for (int i = 0; i < 1000; i++) { // 100/s for 10 s, answered at once: drained at the end
            completions.add(new LoadDriver.Completion(0, i * S / 100, i * S / 100 + 5_000_000L, false));
        }
        Overload overload = Overload.of("floor", 100, run(completions, 1000, 0, List.of()), 50, 8.0);
        assertEquals(100, overload.goodput(), 1);
        assertEquals(2.0, overload.goodputRatio(), 0.05);
        assertFalse(overload.overloaded());
        assertTrue(overload.describe().get(0).contains("no overload"), overload.describe().get(0));
    }

    @Test
    void lostDuplicatedAndFailedAnswersAreNotExactlyOnceAndFailuresAreNoGoodput() {
        List<LoadDriver.Completion> completions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            completions.add(new LoadDriver.Completion(0, i * S / 10, i * S / 10 + S, i % 2 == 0));
        }
        Overload overload = Overload.of("workchain", 10, run(completions, 101, 3, List.of()), 10, 8.0);
        assertEquals(1, overload.lost());
        assertEquals(3, overload.duplicates());
        assertEquals(50, overload.failed());
        assertFalse(overload.exactlyOnce());
        assertTrue(overload.goodput() < 5.1, "failed answers are not goodput: " + overload.goodput());
    }

    @Test
    void aProbeThatNeverComesBackIsNotRecovered() {
        List<LoadDriver.Completion> completions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            completions.add(new LoadDriver.Completion(1, 10 * S + i * S / 20, 10 * S + i * S / 20 + S, false));
        }
        Overload overload = Overload.of("workchain", 10, run(completions, 100, 0, List.of(100)), 10, 8.0);
        assertNull(overload.recoveredAfterSeconds());
        assertTrue(overload.describe().get(1).contains("not back"), overload.describe().get(1));
    }

    @Test
    void theMedianOfOddAndEvenCounts() {
        assertEquals(2.0, Overload.p50(List.of(3.0, 1.0, 2.0)));
        assertEquals(3.0, Overload.p50(List.of(4.0, 1.0, 3.0, 2.0)));
        assertTrue(Double.isNaN(Overload.p50(List.of())));
    }

    /** An overload of 10 s from 0, {@code sent} messages in all, the probe's per window. */
    private static LoadDriver.OverloadRun run(List<LoadDriver.Completion> completions, int sent, int duplicates,
            List<Integer> probe) {
        int failed = (int) completions.stream().filter(LoadDriver.Completion::failed).count();
        LoadDriver.Result result = new LoadDriver.Result(sent, completions.size(), duplicates, failed, 40,
                new Histogram(3), completions);
        int overloadSent = sent - probe.stream().mapToInt(Integer::intValue).sum();
        return new LoadDriver.OverloadRun(result, overloadSent, 0, 10 * S, probe);
    }
}
