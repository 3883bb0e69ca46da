package io.workchain.notifier.service;

/**
 * Notes a service's callback on its chain's timeline (with the operators' actions: who, when,
 * which attempt, what came of it), once the fold has taken the answer it published, or ignored it.
 * Only for an answer the callback endpoint published (its receipt verified by the processor): a
 * notification a service published on Kafka itself is an answer, not a callback.
 */
public final class CallbackNotes {

    /** The action's name on the timeline. */
    public static final String ACTION = "callback";
    /** Who acted: whoever held the item's token, which only the called service was given. */
    static final String BY = "the called service (callback token)";

    private CallbackNotes() {}

    /**
     * {@code result} (the fold of the callback's notification), with the callback noted on the
     * chain's state; as it is when there is no chain to note it on.
     */
    public static FoldResult noted(ChainState before, FoldResult result, int order, int index, long now) {
        ChainState state = result.state() != null ? result.state() : before;
        if (result.remove() || state == null || state.work() == null || index >= state.work().items().size()) {
            return result;
        }
        boolean wasAnswered = before != null && before.work() != null && index < before.work().items().size()
                && before.work().items().get(index).answered();
        boolean answered = result.state() != null && state.work().items().get(index).answered() && !wasAnswered;
        String outcome;
        if (answered) {
            outcome = "item " + index + " of step " + order + " answered ("
                    + (state.work().items().get(index).response().failed() ? "failed" : "ok") + ")";
        } else if (before != null && before.finished()) {
            outcome = "ignored: the chain had ended (" + before.status() + ")";
        } else if (wasAnswered) {
            outcome = "ignored: item " + index + " had already answered";
        } else {
            outcome = "ignored: " + (result.refusals().isEmpty() ? "not taken" : result.refusals().get(0).reason());
        }
        OperatorAction action = new OperatorAction(ACTION, BY, now, state.attempt(), outcome);
        return new FoldResult(state.withTimeline(state.timeline().acted(action)), result.nextWork(),
                result.completion(), result.refusals(), false);
    }
}
