package io.workchain.notifier.service;

import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkMessage;

import java.util.List;

/**
 * What the notifier knows of one chain: its work message with the responses gathered so far (null
 * while only notifications have arrived), notifications that came before their work message, the
 * highest step dispatched and when, the chain's deadline, whether and when it finished, and the
 * time of its one pending timer (deadline, item timeout, early-notification expiry or removal).
 */
public record ChainState(String hash, WorkMessage work, List<ResultItem> early, int dispatchedStep,
                         Phase phase, long createdAt, long updatedAt, long finishedAt,
                         long deadlineAt, long stepStartedAt, long timerAt, Timeline timeline) {

    public enum Phase { RUNNING, COMPLETED, FAILED }

    public ChainState {
        early = early == null ? List.of() : List.copyOf(early);
        timeline = timeline == null ? Timeline.empty() : timeline;
    }

    public static ChainState empty(String hash, long now) {
        return new ChainState(hash, null, List.of(), -1, Phase.RUNNING, now, now, 0, 0, 0, 0, Timeline.empty());
    }

    public boolean finished() {
        return phase != Phase.RUNNING;
    }

    ChainState withEarly(List<ResultItem> newEarly, long now) {
        return new ChainState(hash, work, newEarly, dispatchedStep, phase, createdAt, now, finishedAt, deadlineAt,
                stepStartedAt, timerAt, timeline);
    }

    ChainState accepted(WorkMessage newWork, int newDispatchedStep, long deadline, long now) {
        return new ChainState(hash, newWork, List.of(), newDispatchedStep, phase, createdAt, now, finishedAt, deadline,
                now, timerAt, timeline.stepStarted(newDispatchedStep, now).answered(work, newWork, now));
    }

    ChainState withWork(WorkMessage newWork, long now) {
        return new ChainState(hash, newWork, early, dispatchedStep, phase, createdAt, now, finishedAt, deadlineAt,
                stepStartedAt, timerAt, timeline.answered(work, newWork, now));
    }

    ChainState dispatched(int step, long now) {
        return new ChainState(hash, work, early, step, phase, createdAt, now, finishedAt, deadlineAt, now, timerAt,
                timeline.stepStarted(step, now));
    }

    ChainState finish(Phase newPhase, WorkMessage finalWork, long now) {
        return new ChainState(hash, finalWork, List.of(), dispatchedStep, newPhase, createdAt, now, now, deadlineAt,
                stepStartedAt, timerAt, timeline.answered(work, finalWork, now));
    }

    public ChainState withTimeline(Timeline newTimeline) {
        return new ChainState(hash, work, early, dispatchedStep, phase, createdAt, updatedAt, finishedAt, deadlineAt,
                stepStartedAt, timerAt, newTimeline);
    }

    public ChainState withTimer(long at) {
        return new ChainState(hash, work, early, dispatchedStep, phase, createdAt, updatedAt, finishedAt, deadlineAt,
                stepStartedAt, at, timeline);
    }
}
