package io.workchain.notifier.service;

import io.workchain.common.limits.Limits;

import java.time.Duration;

/**
 * The notifier's bounds and clocks, as the fold needs them.
 *
 * @param chainTimeout        a chain's deadline, from its acceptance, when its work message names none
 * @param maxChainTimeout     the longest deadline a work message may ask for
 * @param itemTimeout         how long a dispatched item may stay unanswered when it names no timeout
 * @param retention           how long a finished chain's state is kept (duplicates ignored meanwhile)
 * @param earlyTtl            how long notifications for a hash with no work message are kept
 * @param maxEarly            how many such notifications are kept per hash
 * @param maxRecordBytes      the largest record value (a chain's state and next step included)
 */
public record FoldSettings(Duration chainTimeout, Duration maxChainTimeout, Duration itemTimeout, Duration retention,
        Duration earlyTtl, int maxEarly, int maxRecordBytes) {

    public static FoldSettings defaults() {
        return new FoldSettings(Duration.ofHours(1), Duration.ofDays(1), Duration.ofMinutes(10), Duration.ofDays(7),
                Duration.ofMinutes(10), 100, Limits.MAX_RECORD_BYTES);
    }
}
