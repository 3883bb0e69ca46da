package io.workchain.notifier.service;

import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainFoldTest {

    /** Step 0 has two items (indexes 0, 1), step 1 one (2), step 2 one (3). */
    private static final WorkMessage WORK = WorkMessage.builder()
            .item(0, Request.http("demo", "/a", "POST", "{}"))
            .item(0, Request.http("demo", "/b", "POST", "{}"))
            .item(1, Request.http("demo", "/c", "POST", "{}"))
            .item(2, Request.http("demo", "/d", "POST", "{}"))
            .build();

    private static NotificationMessage answer(int order, Integer index, String data) {
        return NotificationMessage.of(WORK.hash(), order, index, Response.success(data, null));
    }

    private static NotificationMessage failure(int order, Integer index, String reason) {
        return NotificationMessage.of(WORK.hash(), order, index, Response.failure(reason, null));
    }

    private static final ChainFold FOLD = new ChainFold(
            new FoldSettings(Duration.ofSeconds(60), Duration.ofSeconds(120),
                    Duration.ofSeconds(10), Duration.ofSeconds(100), Duration.ofSeconds(5), 3, 20_000));

    private ChainState state;
    private long now = 1000;

    private FoldResult work(WorkMessage work) {
        return keep(FOLD.onWork(state, work, now));
    }

    private FoldResult notify(NotificationMessage notification) {
        return keep(FOLD.onNotification(state, notification, now));
    }

    private FoldResult timer(long at) {
        now = at;
        FoldResult result = FOLD.onTimer(state, at);
        if (result.remove()) {
            state = null;
        }
        return keep(result);
    }

    private static List<String> reasons(FoldResult result) {
        return result.refusals().stream().map(Refusal::reason).toList();
    }

    private FoldResult keep(FoldResult result) {
        if (result.state() != null) {
            state = result.state();
        }
        return result;
    }

    private FoldResult retry(Integer attempt, String by) {
        return keep(FOLD.onControl(state,
                new ControlRequest(ControlRequest.Action.RETRY, WORK.hash(), attempt, by, now), now));
    }

    private FoldResult cancel(Integer attempt, String by) {
        return keep(FOLD.onControl(state,
                new ControlRequest(ControlRequest.Action.CANCEL, WORK.hash(), attempt, by, now), now));
    }

    /** Steps 0 and 1 answered, step 1's item failed: the chain ends FAILED as attempt 1. */
    private void failAtStepOne() {
        work(WORK);
        notify(answer(0, 0, "a"));
        notify(answer(0, 1, "b"));
        CompletionMessage failed = notify(failure(1, null, "boom")).completion();
        assertEquals(ChainStatus.FAILED, failed.status());
        assertEquals(1, failed.attempt(), "the first run is attempt 1");
    }

    private OperatorAction lastAction() {
        List<OperatorAction> actions = state.timeline().actions();
        return actions.get(actions.size() - 1);
    }

    @Test
    void nextStepStartsOnlyWhenEveryItemOfTheStepAnswered() {
        WorkMessage first = work(WORK).nextWork();
        assertNotNull(first, "a chain admitted: its first step goes to the ESB, from here only");
        assertEquals(0, first.nextStep().getAsInt());
        assertNull(notify(answer(0, 0, "a")).nextWork(), "item 1 of step 0 has not answered");
        FoldResult result = notify(answer(0, 1, "b"));
        assertNotNull(result.nextWork());
        assertEquals(1, result.nextWork().nextStep().getAsInt());
        assertEquals("a", result.nextWork().items().get(0).response().data());
        assertNull(work(WORK).nextWork(), "a duplicate of the submission changes nothing");
        assertNull(notify(answer(0, 1, "b")).nextWork(), "a duplicate does not dispatch step 1 again");
    }

    @Test
    void aRunIdTravelsWithEveryStep() {
        WorkMessage run = ChainHash.ensure(WORK.withRunId("second"));
        assertEquals("second", work(run).nextWork().runId(), "the first step carries it");
        notify(NotificationMessage.of(run.hash(), 0, 0, Response.success("a", null)));
        WorkMessage next = notify(NotificationMessage.of(run.hash(), 0, 1, Response.success("b", null))).nextWork();
        assertEquals("second", next.runId(), "and every next one");
        assertEquals(run.hash(), next.hash());
    }

    @Test
    void completionOnceWithEveryResponseInOrder() {
        work(WORK);
        notify(answer(0, 1, "b"));
        notify(answer(0, 0, "a"));
        notify(answer(1, null, "c"));
        FoldResult done = notify(answer(2, 3, "d"));

        assertEquals(ChainStatus.COMPLETED, done.completion().status());
        assertEquals(List.of("a", "b", "c", "d"),
                done.completion().items().stream().map(i -> i.response().data()).toList());
        assertEquals(List.of(0, 1, 2, 3), done.completion().items().stream().map(ResultItem::index).toList());
        assertNull(notify(answer(2, 3, "d")).completion(), "a redelivered last answer completes nothing twice");
        assertNull(work(WORK).completion(), "a late duplicate of the work does not start the chain again");
        assertTrue(state.finished());
    }

    @Test
    void firstAnswerWins() {
        work(WORK);
        notify(answer(0, 0, "first"));
        notify(answer(0, 0, "second"));
        assertEquals("first", state.work().items().get(0).response().data());
    }

    @Test
    void notificationsBeforeTheirWorkMessageAreKept() {
        notify(answer(0, 0, "a"));
        notify(answer(0, 1, "b"));
        assertNull(state.work());
        assertEquals(2, state.early().size());

        FoldResult result = work(WORK);

        assertNotNull(result.nextWork(), "both early answers applied: step 1 is next");
        assertEquals(1, result.nextWork().nextStep().getAsInt());
        assertTrue(state.early().isEmpty());
    }

    @Test
    void aFailedItemEndsTheChainAndLaterStepsNeverRun() {
        work(WORK);
        notify(answer(0, 0, "a"));
        notify(answer(0, 1, "b"));
        FoldResult result = notify(failure(1, 2, "HTTP 404"));

        assertNull(result.nextWork());
        assertEquals(ChainStatus.FAILED, result.completion().status());
        assertEquals("step 1 failed: item 2: HTTP 404", result.completion().error());
        ResultItem notRun = result.completion().items().get(3);
        assertTrue(notRun.response().error());
        assertEquals("not run: step 1 failed", notRun.response().data());
        assertEquals(ChainFold.NOT_RUN_METADATA, notRun.response().metadata());
    }

    @Test
    void anAmbiguousOrUnknownItemIsRefused() {
        work(WORK);
        assertEquals(List.of("notification for step 0 names no index, and that step has 2 items"),
                reasons(notify(answer(0, null, "x"))));
        assertEquals(List.of("notification names item 9 of step 0, which the chain does not have"),
                reasons(notify(answer(0, 9, "x"))));
    }

    @Test
    void aFinishedChainIgnoresRedeliveriesButRefusesItemsItNeverHad() {
        work(WORK);
        notify(answer(0, 0, "a"));
        notify(answer(0, 1, "b"));
        notify(failure(1, 2, "HTTP 404"));
        assertTrue(state.finished());

        FoldResult redelivered = notify(answer(1, 2, "late"));
        assertTrue(redelivered.refusals().isEmpty(), "a late answer to an item it had: ignored");
        assertNull(redelivered.state());
        assertEquals(List.of("notification names item 9 of step 0, which the chain does not have"),
                reasons(notify(answer(0, 9, "x"))));
        assertEquals(List.of("notification answers step 2, which has not been dispatched (the chain is at step 1)"),
                reasons(notify(answer(2, 3, "x"))));
    }

    @Test
    void responsesInAClientsSubmissionAreIgnored() {
        WorkMessage forged = WORK;
        for (int i = 0; i < WORK.items().size(); i++) {
            forged = forged.withResponse(i, Response.success("FORGED", null));
        }
        FoldResult result = work(forged);

        assertNull(result.completion(), "a submission cannot complete its own chain");
        assertEquals(WORK, result.nextWork(), "its first step runs, without the forged responses");
        assertTrue(state.work().items().stream().noneMatch(WorkItem::answered));
        assertEquals(0, state.dispatchedStep());
    }

    @Test
    void aNotificationForAStepNotYetDispatchedIsRefused() {
        work(WORK);
        FoldResult result = notify(answer(2, 3, "too soon"));

        assertEquals(List.of("notification answers step 2, which has not been dispatched (the chain is at step 0)"),
                reasons(result));
        assertNull(result.state(), "nothing changed");
        notify(answer(0, 0, "a"));
        notify(answer(0, 1, "b"));
        assertEquals(1, state.dispatchedStep());
        assertNotNull(notify(answer(1, 2, "c")).nextWork(), "once dispatched, its answer counts");
    }

    @Test
    void earlyNotificationsForLaterStepsAreRefusedWhenTheWorkComes() {
        notify(answer(0, 0, "a"));
        notify(answer(1, 2, "forged"));
        FoldResult result = work(WORK);

        assertEquals(1, result.refusals().size());
        assertEquals(2, result.refusals().get(0).early().index(), "the dead letter holds the refused early answer");
        assertTrue(state.work().items().get(0).answered());
        assertTrue(!state.work().items().get(2).answered());
    }

    @Test
    void earlyNotificationsAreBoundedInNumberAndExpire() {
        notify(answer(0, 0, "a"));
        notify(answer(0, 1, "b"));
        notify(answer(1, 2, "c"));
        FoldResult overflow = notify(answer(2, 3, "d"));
        assertEquals(1, overflow.refusals().size(), "the fourth is refused: at most 3 are held");
        assertEquals(3, state.early().size());

        assertEquals(1000 + 5000, FOLD.timerFor(state));
        assertTrue(timer(5999).refusals().isEmpty(), "not expired yet");
        FoldResult expired = timer(6000);
        assertTrue(expired.remove());
        assertEquals(3, expired.refusals().size(), "each expired early notification is dead-lettered");
        assertTrue(expired.refusals().get(0).reason().startsWith("no work message came for chain " + WORK.hash()));
    }

    /**
     * Issue 19, case 11: early notifications were bounded in number only, so a hash's held state
     * could outgrow its changelog record (written off, and lost on the next restore).
     */
    @Test
    void earlyNotificationsAreBoundedInBytesSoTheStateFitsARecord() {
        notify(answer(0, 0, "x".repeat(6_000)));
        FoldResult overflow = notify(answer(0, 1, "y".repeat(6_000)));
        assertEquals(1, state.early().size(), "half a record (10,000 bytes here) holds one of them");
        assertEquals(1, overflow.refusals().size());
        assertTrue(overflow.refusals().get(0).reason().contains("would take more than 10000 bytes"),
                overflow.refusals().get(0).reason());
        assertTrue(notify(answer(1, 2, "small")).refusals().isEmpty(), "a small one still fits");
    }

    @Test
    void aChainFailsAtItsDeadline() {
        work(WORK.withTimeout(30_000L));
        assertEquals(1000 + 10_000, FOLD.timerFor(state), "the item timeout (10 s) comes first");
        notify(answer(0, 0, "a"));
        now = 9000;
        notify(answer(0, 1, "b"));
        assertEquals(9000 + 10_000, FOLD.timerFor(state), "step 1's items have 10 s from its dispatch");
        now = 25_000;
        notify(answer(1, 2, "c"));
        assertEquals(1000 + 30_000, FOLD.timerFor(state),
                "then the chain's deadline comes before step 2's item timeout");

        FoldResult result = timer(31_000);

        assertEquals(ChainStatus.FAILED, result.completion().status());
        assertEquals("timed out: the chain's deadline passed (30000 ms after it was accepted)",
                result.completion().error());
        assertEquals(ChainFold.TIMED_OUT_METADATA, result.completion().items().get(3).response().metadata());
        assertEquals("c", result.completion().items().get(2).response().data());
        assertTrue(state.finished());
        assertEquals(31_000 + 100_000, FOLD.timerFor(state), "then kept for the retention");
        assertTrue(timer(131_000).remove());
    }

    @Test
    void anAsynchronousItemNeverAnsweredTimesOut() {
        WorkMessage work = WorkMessage.builder()
                .item(WorkItem.of(0, Request.http("demo", "/async", "POST", "{}")).withTimeout(2_000L))
                .item(1, Request.http("demo", "/b", "POST", "{}"))
                .build();
        work(work);
        assertNull(timer(2_999).completion());
        FoldResult result = timer(3_000);

        assertEquals(ChainStatus.FAILED, result.completion().status());
        assertEquals("timed out: item 0 did not answer within 2000 ms of its dispatch", result.completion().error());
        assertTrue(result.completion().items().get(1).response().data().startsWith("timed out"));
    }

    @Test
    void aChainThatWouldOutgrowARecordFailsWithItsResponsesCut() {
        work(WORK);
        notify(answer(0, 0, "x".repeat(3_000)));
        FoldResult result = notify(answer(0, 1, "y".repeat(3_000)));

        assertEquals(ChainStatus.FAILED, result.completion().status());
        assertTrue(result.completion().error().startsWith("the chain grew to "), result.completion().error());
        assertTrue(result.completion().items().get(0).response().data().length() <= 1_000);
    }

    @Test
    void aFailedChainIsRetriedFromItsFailedStepKeepingWhatCompleted() {
        failAtStepOne();
        now = 5_000;
        FoldResult retried = retry(1, "alice");

        WorkMessage step = retried.nextWork();
        assertNotNull(step, "the failed step goes to the ESB again");
        assertEquals(1, step.nextStep().getAsInt(), "from the first step that did not complete");
        assertEquals("a", step.items().get(0).response().data(),
                "step 0's answers kept: its services are not called again");
        assertEquals("b", step.items().get(1).response().data());
        assertNull(step.items().get(2).response(), "the failed item runs again");
        assertNull(step.items().get(3).response(), "the step after it has not run");
        assertNull(retried.completion(), "a retry replaces no completion");
        assertEquals(2, state.attempt());
        assertEquals(ChainState.Phase.RUNNING, state.phase());
        assertEquals(5_000 + 60_000, state.deadlineAt(), "a deadline of its own, from the retry");
        assertEquals(
                new OperatorAction("retry", "alice", 5_000, 2, "attempt 2 started at step 1 (2 items to run again)"),
                lastAction());

        notify(answer(1, null, "c"));
        CompletionMessage completed = notify(answer(2, null, "d")).completion();
        assertEquals(ChainStatus.COMPLETED, completed.status());
        assertEquals(2, completed.attempt(), "the completion says which attempt it ends");
        assertEquals(List.of("a", "b", "c", "d"), completed.items().stream().map(i -> i.response().data()).toList());
    }

    @Test
    void aRetryOfAnAttemptThatIsNotTheLatestFailedOneChangesNothing() {
        failAtStepOne();
        assertNotNull(retry(1, "alice").nextWork());

        FoldResult again = retry(1, "bob");
        assertNull(again.nextWork(), "two retries of attempt 1 run one attempt");
        assertNull(again.completion());
        assertEquals(2, state.attempt());
        assertEquals("ignored: attempt 1 is not the chain's latest: it is at attempt 2 (RUNNING)",
                lastAction().outcome());
        assertEquals("bob", lastAction().by());
        assertNull(retry(2, "carol").nextWork(), "a running attempt is not retried");
        assertTrue(lastAction().outcome().contains("only a FAILED chain"), lastAction().outcome());

        notify(answer(1, null, "c"));
        notify(answer(2, null, "d"));
        assertNull(retry(2, "dave").nextWork(), "nor a completed one");
        assertEquals(ChainState.Phase.COMPLETED, state.phase());
    }

    @Test
    void aTimedOutChainIsRetriedWithANewDeadline() {
        work(WORK);
        notify(answer(0, 0, "a"));
        CompletionMessage timedOut = timer(61_000).completion();
        assertTrue(timedOut.error().startsWith("timed out"), timedOut.error());

        WorkMessage step = retry(null, "alice").nextWork();
        assertNotNull(step, "a retry that names no attempt retries the latest");
        assertEquals(0, step.nextStep().getAsInt());
        assertEquals("a", step.items().get(0).response().data(), "the item that answered keeps its answer");
        assertNull(step.items().get(1).response(), "the one that timed out runs again");
        assertEquals(61_000 + 60_000, state.deadlineAt());
        assertEquals(61_000 + 10_000, FOLD.timerFor(state), "the retried step's item timeout counts from the retry");
    }

    @Test
    void cancellingARunningChainEndsItAndLaterAnswersAreIgnored() {
        work(WORK);
        notify(answer(0, 0, "a"));
        FoldResult cancelled = cancel(null, "bob");

        CompletionMessage completion = cancelled.completion();
        assertEquals(ChainStatus.CANCELLED, completion.status());
        assertEquals(1, completion.attempt());
        assertEquals("cancelled by bob (attempt 1)", completion.error());
        assertNull(cancelled.nextWork(), "no later step");
        assertEquals("a", completion.items().get(0).response().data(), "what answered is kept");
        Response unanswered = completion.items().get(1).response();
        assertEquals("not answered: cancelled by bob", unanswered.data());
        assertEquals(ChainControl.CANCELLED_METADATA, unanswered.metadata());
        assertEquals(ChainState.Phase.CANCELLED, state.phase());
        assertEquals("CANCELLED", state.status());
        assertEquals(new OperatorAction("cancel", "bob", now, 1, "cancelled at step 0"), lastAction());

        FoldResult late = notify(answer(0, 1, "b"));
        assertNull(late.state(), "a late answer changes nothing");
        assertTrue(late.refusals().isEmpty(), "and is no refusal: the chain asked for it before it was cancelled");
        assertNull(cancel(null, "bob").completion(), "cancelled once");
        assertNull(retry(1, "alice").nextWork(), "a cancelled chain is not retried");
        assertTrue(lastAction().outcome().contains("CANCELLED"), lastAction().outcome());
    }

    @Test
    void aCancelNamingAnotherAttemptIsIgnored() {
        failAtStepOne();
        retry(1, "alice");
        FoldResult stale = cancel(1, "bob");
        assertNull(stale.completion(), "attempt 1 already ended; attempt 2 runs on");
        assertEquals(ChainState.Phase.RUNNING, state.phase());
        assertEquals(ChainStatus.CANCELLED, cancel(2, "bob").completion().status());
        assertEquals(2, state.attempt());
    }

    @Test
    void anUnknownChainIsNotActedOn() {
        FoldResult result = FOLD.onControl(null,
                new ControlRequest(ControlRequest.Action.CANCEL, WORK.hash(), null, "bob", now), now);
        assertNull(result.state());
        assertNull(result.completion());
    }

    @Test
    void theTimelineKeepsTheLatestOperatorsActions() {
        work(WORK);
        for (int i = 0; i < Timeline.MAX_ACTIONS + 5; i++) {
            now++;
            retry(null, "user-" + i);
        }
        assertEquals(Timeline.MAX_ACTIONS, state.timeline().actions().size());
        assertEquals("user-" + (Timeline.MAX_ACTIONS + 4), lastAction().by());
        assertEquals("user-5", state.timeline().actions().get(0).by(), "the oldest forgotten");
    }

    @Test
    void controlRequestsReadWhatTheyWriteAndRefuseTheRest() {
        ControlRequest request = new ControlRequest(ControlRequest.Action.RETRY, WORK.hash(), 3, "alice", 42);
        assertEquals(request, ControlRequest.fromJson(request.toJson()));
        assertEquals("anonymous", new ControlRequest(ControlRequest.Action.CANCEL, WORK.hash(), null, null, 1).by());
        for (String bad : List.of("{\"action\":\"delete\",\"hash\":\"" + WORK.hash() + "\"}",
                "{\"action\":\"retry\",\"hash\":\"x\"}", "{\"action\":\"retry\",\"hash\":\"" + WORK.hash()
                        + "\",\"attempt\":0}",
                "[]", "not json")) {
            assertThrows(IllegalArgumentException.class,
                    () -> ControlRequest.fromJson(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }
}
