package io.workchain.esb.service;

import io.workchain.common.limits.Deadlines;

import java.time.Duration;

/**
 * When a step began, when its chain is over (epoch ms) and how long an item naming no timeout_ms
 * may take: what its items' deadlines are reckoned from (common's Deadlines), as the notifier
 * reckons them, which stamps the last two on each step. A step begins when its record was written
 * (the notifier's fold that ended the step before, or the client's submission), not when the ESB
 * got round to it, so the ESB never holds an item past the time the notifier fails it.
 */
public record StepClock(long startedAt, long chainDeadline, Duration defaultItemTimeout) {

    /** The notifier's default item-timeout, for steps that do not say theirs. */
    public static final Duration DEFAULT_ITEM_TIMEOUT = Duration.parse("PT" + Deadlines.DEFAULT_ITEM_TIMEOUT);

    /** Epoch ms at which an item of this step that asks for {@code timeoutMs} (or none) is over. */
    public long itemDeadline(Long timeoutMs) {
        return Deadlines.itemDeadline(startedAt, timeoutMs, defaultItemTimeout, chainDeadline);
    }
}
