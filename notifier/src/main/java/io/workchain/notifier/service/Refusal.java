package io.workchain.notifier.service;

import io.workchain.common.message.ResultItem;

/**
 * A notification the fold will not count, and why. {@code early} is the held notification it
 * concerns when it is not the record being processed (an early one refused once the work came,
 * or expired): the dead letter then holds that notification instead of the current record.
 */
public record Refusal(String reason, ResultItem early) {

    public static Refusal ofRecord(String reason) {
        return new Refusal(reason, null);
    }
}
