package io.workchain.common.warmup;

import java.time.Duration;

/**
 * What a warm-up ran: {@code rounds} of the {@code planned}, in {@code took}; {@code failure} is the
 * reason a round threw, or null.
 */
public record WarmUpReport(int rounds, int planned, Duration took, String failure) {

    @Override
    public String toString() {
        return rounds + " of " + planned + " rounds in " + took.toMillis() + " ms"
                + (failure == null ? "" : ", stopped: " + failure);
    }
}
