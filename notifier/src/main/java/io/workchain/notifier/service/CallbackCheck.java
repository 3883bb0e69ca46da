package io.workchain.notifier.service;

import io.workchain.common.callback.CallbackToken;
import io.workchain.common.message.WorkMessage;

import java.util.Optional;

/**
 * Whether a chain, as this instance holds it, can take a callback's answer for an item now: the
 * endpoint answers 404 or 409 with why instead of publishing an answer the fold would ignore. Only
 * a first look (the chain may move on before the answer's fold, which decides again, as for any
 * answer): pure, like the fold.
 */
public final class CallbackCheck {

    /** Why not, as the endpoint answers it. */
    public record Refusal(int status, String reason) {}

    /**
     * How much earlier than the step's dispatch (by the notifier's clock) a token may have been
     * issued (by the gateway's) and still count as this dispatch's: the clocks of two hosts.
     */
    static final long CLOCK_SKEW_MS = 5_000;

    private CallbackCheck() {}

    /** Empty when the item can take the answer; else the status and reason to answer with. */
    public static Optional<Refusal> refusal(ChainState state, CallbackToken token) {
        if (state == null || state.work() == null) {
            return Optional.of(new Refusal(404, "no chain " + token.hash()
                    + " here (unknown, its work message has not come, or removed after its retention)"));
        }
        WorkMessage work = state.work();
        if (token.index() >= work.items().size() || work.items().get(token.index()).order() != token.order()) {
            return Optional.of(new Refusal(404, "chain " + token.hash() + " has no item " + token.index()
                    + " in step " + token.order()));
        }
        if (state.finished()) {
            return Optional.of(new Refusal(409, "the chain has ended (" + state.status() + ", attempt "
                    + state.attempt() + "): a late answer changes nothing"));
        }
        if (token.order() > state.dispatchedStep()) {
            return Optional.of(new Refusal(409, "step " + token.order() + " has not been dispatched"));
        }
        if (work.items().get(token.index()).answered()) {
            return Optional.of(new Refusal(409, "item " + token.index() + " has already answered (the first answer "
                    + "counts)"));
        }
        Long dispatched = state.timeline().stepStarts().get(token.order());
        if (dispatched != null && token.issuedAt() + CLOCK_SKEW_MS < dispatched) {
            return Optional.of(new Refusal(409, "the token is from an earlier call of this item (before attempt "
                    + state.attempt() + " dispatched step " + token.order()
                    + "): answer with the latest call's token"));
        }
        return Optional.empty();
    }
}
