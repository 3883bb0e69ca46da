package io.workchain.notifier.service;

import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkMessage;

import java.util.List;
import java.util.Set;

/**
 * What the notifier knows of one chain: its work message with the responses gathered so far (null
 * while only notifications have arrived), notifications that came before their work message, the
 * highest step dispatched and when, the chain's deadline, whether and when it finished, the time of
 * its one pending timer (deadline, item timeout, early-notification expiry or removal), and which
 * attempt runs (1, one more for each retry an operator started).
 */
public record ChainState(String hash, WorkMessage work, List<ResultItem> early, int dispatchedStep,
        Phase phase, long createdAt, long updatedAt, long finishedAt,
        long deadlineAt, long stepStartedAt, long timerAt, int attempt, Timeline timeline) {

    public enum Phase {
        RUNNING, COMPLETED, FAILED, CANCELLED
    }

    /** The status of a chain whose work message has not come yet (only early notifications). */
    public static final String WAITING_FOR_WORK = "WAITING_FOR_WORK";

    public ChainState {
        early = early == null ? List.of() : List.copyOf(early);
        timeline = timeline == null ? Timeline.empty() : timeline;
        attempt = Math.max(1, attempt);
    }

    public static ChainState empty(String hash, long now) {
        return new ChainState(hash, null, List.of(), -1, Phase.RUNNING, now, now, 0, 0, 0, 0, 1, Timeline.empty());
    }

    public boolean finished() {
        return phase != Phase.RUNNING;
    }

    /** What the console and the operator's endpoints call the chain's state: its phase, or WAITING_FOR_WORK. */
    public String status() {
        return work == null ? WAITING_FOR_WORK : phase.name();
    }

    ChainState withEarly(List<ResultItem> newEarly, long now) {
        return new ChainState(hash, work, newEarly, dispatchedStep, phase, createdAt, now, finishedAt, deadlineAt,
                stepStartedAt, timerAt, attempt, timeline);
    }

    ChainState accepted(WorkMessage newWork, int newDispatchedStep, long deadline, long now) {
        return new ChainState(hash, newWork, List.of(), newDispatchedStep, phase, createdAt, now, finishedAt, deadline,
                now, timerAt, attempt, timeline.stepStarted(newDispatchedStep, now).answered(work, newWork, now));
    }

    ChainState withWork(WorkMessage newWork, long now) {
        return new ChainState(hash, newWork, early, dispatchedStep, phase, createdAt, now, finishedAt, deadlineAt,
                stepStartedAt, timerAt, attempt, timeline.answered(work, newWork, now));
    }

    ChainState dispatched(int step, long now) {
        return new ChainState(hash, work, early, step, phase, createdAt, now, finishedAt, deadlineAt, now, timerAt,
                attempt, timeline.stepStarted(step, now));
    }

    ChainState finish(Phase newPhase, WorkMessage finalWork, long now) {
        return new ChainState(hash, finalWork, List.of(), dispatchedStep, newPhase, createdAt, now, now, deadlineAt,
                stepStartedAt, timerAt, attempt, timeline.answered(work, finalWork, now));
    }

    /**
     * A finished chain running again as attempt {@code newAttempt} (an operator's retry): the items
     * of {@code rerun} cleared in {@code resumed}, dispatched again from step {@code step} now, with
     * a deadline of its own, as if just accepted.
     */
    ChainState retried(WorkMessage resumed, Set<Integer> rerun, int step, int newAttempt, long deadline, long now) {
        return new ChainState(hash, resumed, List.of(), step, Phase.RUNNING, createdAt, now, 0, deadline, now, timerAt,
                newAttempt, timeline.rerunning(rerun, step).stepStarted(step, now));
    }

    public ChainState withTimeline(Timeline newTimeline) {
        return new ChainState(hash, work, early, dispatchedStep, phase, createdAt, updatedAt, finishedAt, deadlineAt,
                stepStartedAt, timerAt, attempt, newTimeline);
    }

    public ChainState withTimer(long at) {
        return new ChainState(hash, work, early, dispatchedStep, phase, createdAt, updatedAt, finishedAt, deadlineAt,
                stepStartedAt, at, attempt, timeline);
    }
}
