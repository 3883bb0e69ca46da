package io.workchain.tools.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cold phase's tail: which chains make its p99, and when they were sent. */
class ColdTest {

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void theSlowestOnePercentAreListedInTheOrderTheyWereSent() {
        // 200 chains at 20/s, 10 ms each, but for two slow ones: 300 ms at 0.05 s, 120 ms at 7 s.
        List<LoadDriver.Completion> completions = new ArrayList<>();
        long first = 42 * S;
        for (int i = 0; i < 200; i++) {
            long sent = first + i * S / 20;
            long latency = i == 1 ? 300 * MS : i == 140 ? 120 * MS : 10 * MS;
            completions.add(new LoadDriver.Completion(0, sent, sent + latency, false));
        }
        List<Cold.Slow> slowest = Cold.slowest(completions, first, 200);
        assertEquals(List.of(new Cold.Slow(0.1, 300.0), new Cold.Slow(7.0, 120.0)), slowest);
    }

    @Test
    void aShortPhaseStillNamesItsSlowestChain() {
        List<LoadDriver.Completion> completions = List.of(new LoadDriver.Completion(0, 0, 5 * MS, false),
                new LoadDriver.Completion(0, S, S + 50 * MS, false));
        assertEquals(List.of(new Cold.Slow(1.0, 50.0)), Cold.slowest(completions, 0, 2));
    }
}
