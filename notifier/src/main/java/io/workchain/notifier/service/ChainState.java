package io.workchain.notifier.service;

import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkMessage;

import java.util.List;

/**
 * What the notifier knows of one chain: its work message with the responses gathered so far (null
 * while only notifications have arrived), notifications that came before their work message, the
 * highest step already put on the work topic, and whether and when it finished.
 */
public record ChainState(String hash, WorkMessage work, List<ResultItem> early, int dispatchedStep,
                         Phase phase, long updatedAt, long finishedAt) {

    public enum Phase { RUNNING, COMPLETED, FAILED }

    public ChainState {
        early = early == null ? List.of() : List.copyOf(early);
    }

    public static ChainState empty(String hash, long now) {
        return new ChainState(hash, null, List.of(), -1, Phase.RUNNING, now, 0);
    }

    public boolean finished() {
        return phase != Phase.RUNNING;
    }

    ChainState withWork(WorkMessage newWork, List<ResultItem> newEarly, int newDispatchedStep, long now) {
        return new ChainState(hash, newWork, newEarly, newDispatchedStep, phase, now, finishedAt);
    }

    ChainState finish(Phase newPhase, WorkMessage finalWork, long now) {
        return new ChainState(hash, finalWork, List.of(), dispatchedStep, newPhase, now, now);
    }
}
