package io.workchain.notifier.service;

import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.WorkMessage;

import java.util.List;

/**
 * What folding one record produced: the chain's new state (null when nothing changed), the next
 * work message to put on the work topic, the completion message, and records refused with why.
 */
public record FoldResult(ChainState state, WorkMessage nextWork, CompletionMessage completion, List<String> refusals) {

    public FoldResult {
        refusals = refusals == null ? List.of() : List.copyOf(refusals);
    }

    static FoldResult unchanged() {
        return new FoldResult(null, null, null, List.of());
    }

    static FoldResult unchanged(List<String> refusals) {
        return new FoldResult(null, null, null, refusals);
    }
}
