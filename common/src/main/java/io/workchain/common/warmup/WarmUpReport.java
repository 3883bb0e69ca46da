package io.workchain.common.warmup;

import java.time.Duration;

/**
 * What a warm-up ran: {@code rounds} of the {@code planned}, in {@code took}, then {@code settling}
 * waiting for the JIT to compile what they queued; {@code failure} is the reason a round threw, or
 * null.
 */
public record WarmUpReport(int rounds, int planned, Duration took, Duration settling, String failure) {

    @Override
    public String toString() {
        return rounds + " of " + planned + " rounds in " + took.toMillis() + " ms, the JIT settled in "
                + settling.toMillis() + " ms" + (failure == null ? "" : ", stopped: " + failure);
    }
}
