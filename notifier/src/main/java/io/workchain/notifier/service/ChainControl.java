package io.workchain.notifier.service;

import io.workchain.common.limits.Deadlines;
import io.workchain.common.message.WorkMessage;
import io.workchain.notifier.service.ControlRequest.Action;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an operator's retry or cancel does to a chain, decided in the fold (pure, as ChainFold)
 * against the chain's state as it is then. The HTTP endpoint only asks (a control record on the
 * chain's partition) after checking the state it could read, which a step's end, the chain's
 * deadline or another operator may have changed since: a request that no longer applies changes
 * nothing but the timeline, where every request is noted (who, when, which attempt, what came of it).
 * <ul>
 *   <li>Retry: a FAILED chain (timed out included), named by its latest attempt, runs again as the
 *       next attempt from its first step that did not complete. The failed answers are cleared; the
 *       others are kept (every earlier step's, and those of the failed step's items that succeeded),
 *       so no service that answered is called again. That step goes to the ESB, and the chain gets
 *       a deadline of its own from now. Its end is a completion of its own that says its attempt.
 *       Two retries of one attempt run one: the second names an attempt that is no longer the latest.</li>
 *   <li>Cancel: a RUNNING chain ends CANCELLED with its completion, what had not answered marked so;
 *       the processor then tells the ESB (a marker on the steps topic) to drop its work for the
 *       chain. Answers that come later are a finished chain's: ignored.</li>
 * </ul>
 */
public final class ChainControl {

    /** Metadata of the responses of items a cancel left unanswered. */
    static final String CANCELLED_METADATA = "{\"cancelled\":true}";

    private final FoldSettings settings;

    public ChainControl(FoldSettings settings) {
        this.settings = settings;
    }

    /**
     * Why {@code action} cannot apply to a chain in {@code status} at {@code attempt}, when the
     * request names attempt {@code named} (null: whichever runs); empty when it can. The endpoint
     * answers 409 with it, the fold notes it as the reason a request was ignored.
     */
    public static Optional<String> refusal(Action action, String status, int attempt, Integer named) {
        if (named != null && named != attempt) {
            return Optional.of("attempt " + named + " is not the chain's latest: it is at attempt " + attempt + " ("
                    + status + ")");
        }
        return switch (action) {
            case RETRY -> status.equals(ChainState.Phase.FAILED.name())
                    ? Optional.empty()
                    : Optional.of("only a FAILED chain (timed out included) can be retried; attempt " + attempt + " is "
                            + status);
            case CANCEL -> status.equals(ChainState.Phase.RUNNING.name())
                    ? Optional.empty()
                    : Optional.of("only a RUNNING chain can be cancelled; attempt " + attempt + " is " + status);
        };
    }

    public FoldResult onControl(ChainState state, ControlRequest request, long now) {
        if (state == null || state.work() == null) {
            return FoldResult.unchanged(); // nothing here to act on, nor to note the request on (the endpoint said 404)
        }
        Optional<String> refusal = refusal(request.action(), state.status(), state.attempt(), request.attempt());
        if (refusal.isPresent()) {
            return noted(state, action(request, state.attempt(), "ignored: " + refusal.get()));
        }
        return request.action() == Action.RETRY ? retry(state, request, now) : cancel(state, request, now);
    }

    private FoldResult retry(ChainState state, ControlRequest request, long now) {
        WorkMessage work = state.work();
        Set<Integer> rerun = new TreeSet<>();
        for (int i = 0; i < work.items().size(); i++) {
            if (work.items().get(i).answered() && work.items().get(i).response().failed()) {
                rerun.add(i);
                work = work.withResponse(i, null);
            }
        }
        OptionalInt step = work.nextStep();
        if (step.isEmpty()) {
            return noted(state, action(request, state.attempt(), "ignored: no item failed, so nothing runs again"));
        }
        int attempt = state.attempt() + 1;
        long deadline = Deadlines.chainDeadline(now, work.timeoutMs(), settings.chainTimeout(),
                settings.maxChainTimeout());
        ChainState resumed = state.retried(work, rerun, step.getAsInt(), attempt, deadline, now);
        OperatorAction action = action(request, attempt, "attempt " + attempt + " started at step " + step.getAsInt()
                + " (" + rerun.size() + (rerun.size() == 1 ? " item" : " items") + " to run again)");
        return new FoldResult(resumed.withTimeline(resumed.timeline().acted(action)), work, null, List.of());
    }

    private FoldResult cancel(ChainState state, ControlRequest request, long now) {
        String by = "cancelled by " + request.by();
        ChainState noted = state.withTimeline(state.timeline().acted(action(request, state.attempt(),
                "cancelled at step " + state.dispatchedStep())));
        return ChainEnding.cancel(noted, by + " (attempt " + state.attempt() + ")", "not answered: " + by,
                CANCELLED_METADATA, now);
    }

    /** The request changed nothing but the timeline, where it is noted with why. */
    private static FoldResult noted(ChainState state, OperatorAction action) {
        return new FoldResult(state.withTimeline(state.timeline().acted(action)), null, null, List.of());
    }

    private static OperatorAction action(ControlRequest request, int attempt, String outcome) {
        return new OperatorAction(request.action().word(), request.by(), request.requestedAt(), attempt, outcome);
    }
}
