package io.workchain.notifier.service;

import io.workchain.common.limits.Reasons;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.Response;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a chain ends, whichever rule ends it (a failed step, a deadline, a state too large, an
 * operator's cancel): every item still unanswered gets the reason as its response, and the
 * completion lists every item in step order, with the attempt it ends. One place, so a completion
 * reads the same whatever ended the chain.
 */
final class ChainEnding {

    private ChainEnding() {}

    /** Fails the chain: unanswered items get {@code unanswered} as their response, the completion says why. */
    static FoldResult end(ChainState state, String error, String unanswered, String metadata, List<Refusal> refusals,
            long now) {
        return endAs(state, ChainStatus.FAILED, ChainState.Phase.FAILED, error, unanswered, metadata, refusals, now);
    }

    /** Cancels the chain: what has not answered never will (its answers, if any come, are ignored). */
    static FoldResult cancel(ChainState state, String error, String unanswered, String metadata, long now) {
        return endAs(state, ChainStatus.CANCELLED, ChainState.Phase.CANCELLED, error, unanswered, metadata, List.of(),
                now);
    }

    private static FoldResult endAs(ChainState state, ChainStatus status, ChainState.Phase phase, String error,
            String unanswered, String metadata, List<Refusal> refusals, long now) {
        WorkMessage work = state.work();
        for (int i = 0; i < work.items().size(); i++) {
            if (!work.items().get(i).answered()) {
                work = work.withResponse(i, Response.failure(unanswered, metadata));
            }
        }
        CompletionMessage completion = completion(work, status, Reasons.bounded(error), state.attempt());
        return new FoldResult(state.finish(phase, work, now), null, completion, refusals);
    }

    static CompletionMessage completion(WorkMessage work, ChainStatus status, String error, int attempt) {
        List<ResultItem> items = new ArrayList<>();
        for (List<Integer> step : steps(work).values()) {
            for (int index : step) {
                WorkItem item = work.items().get(index);
                items.add(new ResultItem(item.order(), index, item.response()));
            }
        }
        return new CompletionMessage(work.hash(), items, status, error, attempt);
    }

    /** Step order -> indexes of its items, steps ascending. */
    static Map<Integer, List<Integer>> steps(WorkMessage work) {
        Map<Integer, List<Integer>> steps = new TreeMap<>();
        for (int i = 0; i < work.items().size(); i++) {
            steps.computeIfAbsent(work.items().get(i).order(), k -> new ArrayList<>()).add(i);
        }
        return steps;
    }
}
