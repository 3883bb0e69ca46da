package io.workchain.esb.service;

/**
 * When a step began and when its chain is over (epoch ms), the two times its items' deadlines are
 * reckoned from (common's Deadlines), as the notifier reckons them: a step begins when its record
 * was written (the notifier's fold that ended the step before, or the client's submission), not
 * when the ESB got round to it, so the ESB never holds an item past the time the notifier fails it.
 */
public record StepClock(long startedAt, long chainDeadline) {

    /** A step that begins now (tests, and records without a usable timestamp). */
    public static StepClock startingNow(long chainDeadline) {
        return new StepClock(System.currentTimeMillis(), chainDeadline);
    }
}
