package io.workchain.notifier.service;

import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.WorkMessage;

import java.util.List;

/**
 * What folding one record (or one timer) produced: the chain's new state (null when nothing
 * changed), the next work message to put on the steps topic, the completion message, records
 * refused with why, and whether the chain's state is to be removed.
 */
public record FoldResult(ChainState state, WorkMessage nextWork, CompletionMessage completion, List<Refusal> refusals,
        boolean remove) {

    public FoldResult {
        refusals = refusals == null ? List.of() : List.copyOf(refusals);
    }

    FoldResult(ChainState state, WorkMessage nextWork, CompletionMessage completion, List<Refusal> refusals) {
        this(state, nextWork, completion, refusals, false);
    }

    static FoldResult unchanged() {
        return new FoldResult(null, null, null, List.of(), false);
    }

    static FoldResult unchanged(List<Refusal> refusals) {
        return new FoldResult(null, null, null, refusals, false);
    }

    static FoldResult removed(List<Refusal> refusals) {
        return new FoldResult(null, null, null, refusals, true);
    }
}
