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
 * How a chain ends, whichever rule ends it (a failed step, a deadline, a state too large): every
 * item still unanswered gets the reason as its response, and the completion lists every item in
 * step order. One place, so a completion reads the same whatever ended the chain.
 */
final class ChainEnding {

    private ChainEnding() {
    }

    /** Fails the chain: unanswered items get {@code unanswered} as their response, the completion says why. */
    static FoldResult end(ChainState state, String error, String unanswered, String metadata, List<Refusal> refusals,
                          long now) {
        WorkMessage work = state.work();
        for (int i = 0; i < work.items().size(); i++) {
            if (!work.items().get(i).answered()) {
                work = work.withResponse(i, Response.failure(unanswered, metadata));
            }
        }
        CompletionMessage completion = completion(work, ChainStatus.FAILED, Reasons.bounded(error));
        return new FoldResult(state.finish(ChainState.Phase.FAILED, work, now), null, completion, refusals);
    }

    static CompletionMessage completion(WorkMessage work, ChainStatus status, String error) {
        List<ResultItem> items = new ArrayList<>();
        for (List<Integer> step : steps(work).values()) {
            for (int index : step) {
                WorkItem item = work.items().get(index);
                items.add(new ResultItem(item.order(), index, item.response()));
            }
        }
        return new CompletionMessage(work.hash(), items, status, error);
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
