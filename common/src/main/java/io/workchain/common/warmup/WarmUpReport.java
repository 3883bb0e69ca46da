package io.workchain.common.warmup;

import java.time.Duration;

/**
 * What a warm-up ran: {@code rounds} of the {@code planned}, in {@code took}, then {@code settling}
 * waiting for the JIT to compile what they queued, which ended as {@code jitWait} says;
 * {@code failure} is the reason a round threw, or null.
 */
public record WarmUpReport(int rounds, int planned, Duration took, Duration settling, JitWait jitWait,
        String failure) {

    /** How the wait for the JIT after the rounds ended. */
    public enum JitWait {
        /** The compiler went quiet. */
        QUIET,
        /** The time limit came first (or left no time for a look): the compiler may still be busy. */
        LIMIT_REACHED,
        /** The runtime has no JIT time to read (a native image): nothing to wait for. */
        NO_JIT,
        /** Not waited for: no round ran, or a round failed. */
        SKIPPED
    }

    @Override
    public String toString() {
        String wait = switch (jitWait) {
            case QUIET -> ", the JIT quiet after " + settling.toMillis() + " ms";
            case LIMIT_REACHED -> ", the JIT still compiling at the time limit (waited " + settling.toMillis() + " ms)";
            case NO_JIT -> ", no JIT to wait for";
            case SKIPPED -> "";
        };
        return rounds + " of " + planned + " rounds in " + took.toMillis() + " ms" + wait
                + (failure == null ? "" : ", stopped: " + failure);
    }
}
