package io.workchain.notifier.service;

import io.workchain.common.callback.CallbackToken;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoint's first look at a chain (CallbackCheck) and the timeline's note of a callback (CallbackNotes). */
class CallbackRulesTest {

    /** Step 0: item 0; step 1: items 1 and 2. */
    private static final WorkMessage WORK = WorkMessage.builder()
            .item(0, Request.http("demo", "/a", "POST", "{}"))
            .item(1, Request.http("demo", "/b", "POST", "{}"))
            .item(1, Request.http("demo", "/c", "POST", "{}"))
            .build();
    private static final ChainFold FOLD = new ChainFold(new FoldSettings(Duration.ofSeconds(600),
            Duration.ofSeconds(1200), Duration.ofSeconds(300), Duration.ofSeconds(100), Duration.ofSeconds(5), 3,
            20_000));

    private static CallbackToken token(int order, int index, long issuedAt) {
        return new CallbackToken(WORK.hash(), order, index, issuedAt, issuedAt + 60_000);
    }

    private static NotificationMessage answer(int order, int index, Response response) {
        return NotificationMessage.of(WORK.hash(), order, index, response);
    }

    /** The chain at step 1 (dispatched at 2000), item 0 answered. */
    private static ChainState atStepOne() {
        ChainState state = FOLD.onWork(null, WORK, 1000).state();
        return FOLD.onNotification(state, answer(0, 0, Response.success("a", null)), 2000).state();
    }

    @Test
    void aDispatchedUnansweredItemOfARunningChainCanTakeItsAnswer() {
        assertTrue(CallbackCheck.refusal(atStepOne(), token(1, 2, 2100)).isEmpty());
    }

    @Test
    void theEndpointSaysWhyAnItemCannotTakeAnAnswer() {
        ChainState state = atStepOne();
        assertEquals(404, CallbackCheck.refusal(null, token(1, 2, 2100)).orElseThrow().status());
        assertEquals(404, CallbackCheck.refusal(state, token(0, 2, 2100)).orElseThrow().status(), "no such item");
        assertEquals(404, CallbackCheck.refusal(state, token(1, 7, 2100)).orElseThrow().status(), "no such item");
        assertEquals(409, CallbackCheck.refusal(state, token(0, 0, 2100)).orElseThrow().status(), "answered");
        assertTrue(CallbackCheck.refusal(state, token(1, 2, 2000 - CallbackCheck.CLOCK_SKEW_MS - 1)).orElseThrow()
                .reason().contains("earlier call"), "a token from before the step's dispatch: an earlier attempt's");
        ChainState before = FOLD.onWork(null, WORK, 1000).state();
        assertEquals(409, CallbackCheck.refusal(before, token(1, 2, 2100)).orElseThrow().status(), "not dispatched");
        ChainState ended = FOLD.onNotification(state, answer(1, 1, Response.failure("no", null)), 3000).state();
        ended = FOLD.onNotification(ended, answer(1, 2, Response.success("c", null)), 3000).state();
        assertTrue(ended.finished());
        CallbackCheck.Refusal late = CallbackCheck.refusal(ended, token(1, 2, 2100)).orElseThrow();
        assertEquals(409, late.status());
        assertTrue(late.reason().contains("ended (FAILED"), late.reason());
    }

    @Test
    void anAcceptedCallbackIsNotedOnTheTimelineWithWhatCameOfIt() {
        ChainState before = atStepOne();
        FoldResult folded = FOLD.onNotification(before, answer(1, 1, Response.success("b", null)), 2500);
        FoldResult noted = CallbackNotes.noted(before, folded, 1, 1, 2500);

        List<OperatorAction> actions = noted.state().timeline().actions();
        assertEquals(1, actions.size());
        assertEquals(new OperatorAction("callback", CallbackNotes.BY, 2500, 1, "item 1 of step 1 answered (ok)"),
                actions.get(0));
        assertEquals(folded.state().work(), noted.state().work(), "the answer itself is the fold's");
    }

    @Test
    void aCallbackThatEndsTheChainKeepsItsCompletionAndALateOneIsNotedAsIgnored() {
        ChainState before = FOLD.onNotification(atStepOne(), answer(1, 1, Response.success("b", null)), 2500).state();
        FoldResult last = FOLD.onNotification(before, answer(1, 2, Response.success("c", null)), 2600);
        FoldResult noted = CallbackNotes.noted(before, last, 1, 2, 2600);
        assertNotNull(noted.completion(), "the completion the answer brought is kept");
        assertEquals(last.completion(), noted.completion());
        ChainState ended = noted.state();

        FoldResult again = FOLD.onNotification(ended, answer(1, 2, Response.success("late", null)), 2700);
        FoldResult lateNoted = CallbackNotes.noted(ended, again, 1, 2, 2700);
        assertEquals(ended.work(), lateNoted.state().work(), "a late answer changes no response");
        assertEquals("ignored: the chain had ended (COMPLETED)",
                lateNoted.state().timeline().actions().get(1).outcome());
        assertEquals(null, lateNoted.completion(), "no second completion");
    }
}
