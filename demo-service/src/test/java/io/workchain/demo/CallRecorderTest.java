package io.workchain.demo;

import io.workchain.demo.config.DemoConfig;
import io.workchain.demo.service.CallRecorder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The recorder keeps the latest calls and attempt counts only, however long the service runs. */
class CallRecorderTest {

    private final CallRecorder recorder = new CallRecorder(new DemoConfig() {
        public Duration asyncDelay() {
            return Duration.ZERO;
        }

        public int maxRecordedCalls() {
            return 3;
        }
    });

    @Test
    void keepsTheLatestCalls() {
        for (int i = 1; i <= 5; i++) {
            Object token = recorder.opened("hash-" + i, 0, 0);
            recorder.closed(token,
                    new CallRecorder.Call("POST", "/api/text/upper", "key-" + i, "hash-" + i, 0, 0, i, i, 200));
        }
        List<CallRecorder.Call> calls = recorder.calls(null);
        assertEquals(List.of("hash-3", "hash-4", "hash-5"), calls.stream().map(CallRecorder.Call::hash).toList());
        assertEquals(1, recorder.calls("hash-5").size());
        assertEquals(0, recorder.calls("hash-1").size());
        assertEquals(0, recorder.open());
    }

    @Test
    void knowsWhichItemsOfAChainAreOpenUntilTheyAnswer() {
        Object first = recorder.opened("chain-a", 1, 0);
        recorder.opened("chain-b", 0, 0);
        assertEquals(List.of(new CallRecorder.OpenCall("chain-a", 1, 0)), recorder.openCalls("chain-a"));
        assertEquals(2, recorder.openCalls(null).size());
        recorder.closed(first, new CallRecorder.Call("POST", "/api/faults/slow", null, "chain-a", 1, 0, 1, 2, 200));
        assertEquals(List.of(), recorder.openCalls("chain-a"));
        assertEquals(1, recorder.open());
    }

    @Test
    void countsAttemptsPerKeyAndForgetsTheLeastRecentlyCountedPastTheBound() {
        assertEquals(1, recorder.attempt("a"));
        assertEquals(2, recorder.attempt("a"));
        recorder.attempt("b");
        recorder.attempt("c");
        assertEquals(3, recorder.attempt("a")); // "a" counted last: "b" is now the eldest
        recorder.attempt("d");
        assertEquals(1, recorder.attempt("b"), "b was forgotten past the bound of 3 keys");
    }
}
