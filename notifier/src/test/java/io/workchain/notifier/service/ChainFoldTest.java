package io.workchain.notifier.service;

import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    private ChainState state;

    private FoldResult work(WorkMessage work) {
        return keep(ChainFold.onWork(state, work, 1000));
    }

    private FoldResult notify(NotificationMessage notification) {
        return keep(ChainFold.onNotification(state, notification, 1000));
    }

    private FoldResult keep(FoldResult result) {
        if (result.state() != null) {
            state = result.state();
        }
        return result;
    }

    @Test
    void nextStepStartsOnlyWhenEveryItemOfTheStepAnswered() {
        assertNull(work(WORK).nextWork(), "the ESB runs step 0 from the client's own message");
        assertNull(notify(answer(0, 0, "a")).nextWork(), "item 1 of step 0 has not answered");
        FoldResult result = notify(answer(0, 1, "b"));
        assertNotNull(result.nextWork());
        assertEquals(1, result.nextWork().nextStep().getAsInt());
        assertEquals("a", result.nextWork().items().get(0).response().data());
        assertNull(work(result.nextWork()).nextWork(), "our own next-step message read back changes nothing");
        assertNull(notify(answer(0, 1, "b")).nextWork(), "a duplicate does not dispatch step 1 again");
    }

    @Test
    void completionOnceWithEveryResponseInOrder() {
        work(WORK);
        notify(answer(0, 1, "b"));
        notify(answer(0, 0, "a"));
        notify(answer(1, null, "c"));
        FoldResult done = notify(answer(2, 3, "d"));

        assertEquals(ChainStatus.COMPLETED, done.completion().status());
        assertEquals(List.of("a", "b", "c", "d"), done.completion().items().stream().map(i -> i.response().data()).toList());
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
                notify(answer(0, null, "x")).refusals());
        assertEquals(List.of("notification names item 9 of step 0, which the chain does not have"),
                notify(answer(0, 9, "x")).refusals());
    }
}
