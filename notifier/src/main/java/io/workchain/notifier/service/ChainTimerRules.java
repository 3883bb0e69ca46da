package io.workchain.notifier.service;

import io.workchain.common.message.Response;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Every chain ends: what its one timer means at each point of its life. A finished chain is
 * removed after the retention; notifications held for a work message that never came expire;
 * a running chain fails at its deadline, or when a dispatched item stays unanswered past its
 * timeout (its own timeout_ms, else the item timeout the notifier also stamps on each step).
 */
final class ChainTimerRules {

    private final FoldSettings settings;

    ChainTimerRules(FoldSettings settings) {
        this.settings = settings;
    }

    FoldResult onTimer(ChainState state, long now) {
        if (state == null) {
            return FoldResult.unchanged();
        }
        if (state.finished()) {
            return now >= state.finishedAt() + settings.retention().toMillis()
                    ? FoldResult.removed(List.of())
                    : FoldResult.unchanged();
        }
        if (state.work() == null) {
            if (now < state.createdAt() + settings.earlyTtl().toMillis()) {
                return FoldResult.unchanged();
            }
            String reason = "no work message came for chain " + state.hash() + " within "
                    + settings.earlyTtl().toMillis() + " ms (workchain.notifier.early-ttl)";
            return FoldResult.removed(state.early().stream().map(item -> new Refusal(reason, item)).toList());
        }
        if (now >= state.deadlineAt()) {
            long timeout = state.deadlineAt() - state.createdAt();
            return timeOut(state, List.of(),
                    "timed out: the chain's deadline passed (" + timeout + " ms after it was accepted)", now);
        }
        List<Integer> late = new ArrayList<>();
        for (int index : state.work().indexesOfStep(state.dispatchedStep())) {
            WorkItem item = state.work().items().get(index);
            if (!item.answered() && now >= state.stepStartedAt() + itemTimeout(item)) {
                late.add(index);
            }
        }
        if (late.isEmpty()) {
            return FoldResult.unchanged();
        }
        int first = late.get(0);
        return timeOut(state, late, "timed out: item " + first + " did not answer within "
                + itemTimeout(state.work().items().get(first)) + " ms of its dispatch", now);
    }

    /** When the chain's timer must next go off, given its state. */
    long timerFor(ChainState state) {
        if (state.finished()) {
            return state.finishedAt() + settings.retention().toMillis();
        }
        if (state.work() == null) {
            return state.createdAt() + settings.earlyTtl().toMillis();
        }
        long next = state.deadlineAt();
        for (int index : state.work().indexesOfStep(state.dispatchedStep())) {
            WorkItem item = state.work().items().get(index);
            if (!item.answered()) {
                next = Math.min(next, state.stepStartedAt() + itemTimeout(item));
            }
        }
        return next;
    }

    private long itemTimeout(WorkItem item) {
        return item.timeoutMs() != null ? item.timeoutMs() : settings.itemTimeout().toMillis();
    }

    private static FoldResult timeOut(ChainState state, List<Integer> late, String error, long now) {
        WorkMessage work = state.work();
        for (int index : late) {
            work = work.withResponse(index, Response.failure(error, ChainFold.TIMED_OUT_METADATA));
        }
        return ChainEnding.end(state.withWork(work, now), error, error, ChainFold.TIMED_OUT_METADATA, List.of(), now);
    }
}
