package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.workchain.cli.CommandRun;
import io.workchain.cli.ExitCodes;
import io.workchain.common.OperatorHeaders;
import io.workchain.common.Topics;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.RecordingHttpServer;
import io.workchain.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.workchain.e2e.Chains.completions;
import static io.workchain.e2e.Chains.demo;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21, items 1, 2 and 8, against the packaged services: an operator retries a failed chain
 * from its failed step (the services of the steps that completed are not called again; the new
 * attempt has a completion of its own, and a second retry of the same attempt runs nothing) and
 * cancels chains while the ESB holds their work (a slow call, an asynchronous answer, a target in
 * an outage): each ends CANCELLED, no later step is called, a late answer is ignored. With the
 * command line, plain HTTP, and the console's buttons in a real browser.
 */
class OperateChainsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Every try of attempt 1 fails (the ESB's tries: one and its retries), the next one succeeds. */
    private static final int FAILURES = WorkchainSystem.MAX_RETRIES + 1;

    private final WorkchainSystem system = WorkchainSystem.get();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFailedChainIsRetriedFromItsFailedStepAsItsNextAttempt() throws Exception {
        WorkMessage chain = WorkMessage.builder()
                .item(0, demo("/api/text/upper", text(unique("retried"))))
                .item(1, demo("/api/faults/flaky?failures=" + FAILURES, text("{{order:0/text}}")))
                .item(2, demo("/api/text/count", text("{{order:0/text}} counted")))
                .build();
        String hash = submit(chain);
        CompletionMessage failed = awaitCompletion(hash, 1);
        assertEquals(ChainStatus.FAILED, failed.status());
        assertEquals(1, failed.attempt(), "the first run says it is attempt 1");
        assertEquals(List.of(1, FAILURES, 0), callsPerStep(hash, 3), "step 1 tried and failed, step 2 never ran");

        // Two operators retry attempt 1 at the same time, one with the command line, one over HTTP: one
        // attempt 2 runs. The one that comes second is accepted and then ignored by the fold, or
        // refused already (409), depending on when it reads the chain.
        CompletableFuture<CommandRun> cli = CompletableFuture
                .supplyAsync(() -> CommandRun.of("retry", "--notifier", system.notifier.baseUrl(), hash));
        int raced = post(hash, "retry?attempt=1");
        CommandRun retry = cli.get();
        assertTrue(raced == 202 || raced == 409, "HTTP: " + raced);
        assertTrue(retry.exit() == ExitCodes.COMPLETED || retry.exit() == ExitCodes.REFUSED, retry.err());
        assertTrue(raced == 202 || retry.exit() == ExitCodes.COMPLETED, "at least one was accepted");
        if (retry.exit() == ExitCodes.COMPLETED) {
            assertEquals(1, system.json(retry.out()).path("attempt").asInt(), "the attempt it retries: " + retry.out());
        }

        CompletionMessage completed = awaitCompletion(hash, 2);
        assertEquals(ChainStatus.COMPLETED, completed.status(), completed::toString);
        assertEquals(2, completed.attempt());
        assertTrue(completed.items().get(1).response().data().contains("\"attempt\":" + (FAILURES + 1)),
                "the failed step reached its service again: " + completed.items().get(1).response().data());
        ServiceProcess.sleep(2_000);
        assertEquals(List.of(1, FAILURES + 1, 1), callsPerStep(hash, 3),
                "step 0 not called again, step 1 once more, step 2 once: one attempt 2");
        assertEquals(2, system.completions.byKey(hash).size(),
                "attempt 1's completion and attempt 2's, nothing replaced");

        CommandRun again = CommandRun.of("retry", "--notifier", system.notifier.baseUrl(), "--attempt", "1", hash);
        assertEquals(ExitCodes.REFUSED, again.exit(), "a second retry of attempt 1 changes nothing");
        assertTrue(again.err().contains("attempt 1 is not the chain's latest"), again.err());
        JsonNode view = system.getJson(system.notifier, "/chains/" + hash);
        assertEquals("COMPLETED", view.path("status").asText());
        assertEquals(2, view.path("attempt").asInt());
        JsonNode first = view.path("actions").get(0);
        assertEquals("retry", first.path("action").asText());
        assertEquals("anonymous", first.path("by").asText(), "who: nobody is asked for credentials here");
        assertEquals(2, first.path("attempt").asInt());
        assertTrue(first.path("outcome").asText().startsWith("attempt 2 started at step 1"), first.toString());
        view.path("actions").forEach(action -> assertTrue(action == first
                || action.path("outcome").asText().startsWith("ignored: attempt 1 is not the chain's latest"),
                "a racing retry is noted as ignored: " + action));
    }

    /**
     * Held by the ESB in a slow call and by a service that answers later (asynchronously): the
     * cancel ends the chain at once, the ESB publishes nothing for the slow call, step 1 is never
     * called, and the service's late answer is ignored (no dead letter).
     */
    @Test
    void aChainHeldOnASlowCallAndALateAnswerIsCancelled() throws Exception {
        WorkMessage chain = WorkMessage.builder()
                .item(0, demo("/api/faults/slow?ms=6000", text(unique("slow"))))
                .item(0, demo("/api/async/upper?delayMs=5000", text(unique("late"))))
                .item(1, demo("/api/text/upper", text("{{item:1/text}}")))
                .build();
        String hash = submit(chain);
        // The asynchronous call has been accepted (202): both items of step 0 are out.
        await().atMost(WAIT).until(() -> system.getJson(system.demo, "/api/calls?hash=" + hash).size() >= 1);
        assertEquals(202, post(hash, "cancel"));

        CompletionMessage cancelled = awaitCompletion(hash, 1);
        assertEquals(ChainStatus.CANCELLED, cancelled.status());
        assertEquals("cancelled by anonymous (attempt 1)", cancelled.error());
        ServiceProcess.sleep(8_000); // the slow call and the asynchronous answer are over
        assertEquals(0, callsPerStep(hash, 2).get(1), "no later step called");
        List<NotificationMessage> notified = system.notifications.byKey(hash).stream()
                .map(r -> MessageCodec.decode(r.value(), null, NotificationMessage.class)).toList();
        assertTrue(notified.stream().allMatch(n -> n.items().get(0).index() == 1),
                "the ESB published nothing for the slow call; only the service's late answer came: " + notified);
        assertEquals(1, notified.size(), "the late answer came");
        assertTrue(system.deadLetters.byKey(hash).isEmpty(),
                "a late answer of a cancelled chain is ignored, not refused");
        assertEquals(1, system.completions.byKey(hash).size());
        assertEquals("CANCELLED", system.getJson(system.notifier, "/chains/" + hash).path("status").asText());
    }

    /** Held through an outage of a target that answered before: the cancel stops the ESB trying it. */
    @Test
    void aChainHeldThroughAnOutageIsCancelledAndItsTargetNeverCalledAgain() throws Exception {
        try (RecordingHttpServer fading = RecordingHttpServer.startOn(system.fadingPort)) {
            String answered = submit(
                    WorkMessage.builder().item(0, Request.http("fading", "/x", "POST", text(unique("up")))).build());
            assertEquals(ChainStatus.COMPLETED, awaitCompletion(answered, 1).status(), "the target answered once");
        }
        String hash = submit(WorkMessage.builder()
                .item(0, Request.http("fading", "/x", "POST", text(unique("held"))))
                .item(1, demo("/api/text/upper", text(unique("never")))).build());
        ServiceProcess.sleep(3_000); // past the ESB's unreachable grace: held, as an outage
        assertTrue(system.completions.byKey(hash).isEmpty(), "held, not failed");

        CommandRun cancel = CommandRun.of("cancel", "--notifier", system.notifier.baseUrl(), hash);
        assertEquals(ExitCodes.COMPLETED, cancel.exit(), cancel.err());
        assertEquals(ChainStatus.CANCELLED, awaitCompletion(hash, 1).status());
        try (RecordingHttpServer back = RecordingHttpServer.startOn(system.fadingPort)) {
            ServiceProcess.sleep(3_000); // longer than the ESB's outage backoff (1 s here)
            assertTrue(back.calls().stream().noneMatch(call -> hash.equals(call.header(CallHeaders.CHAIN_HASH))),
                    "the ESB dropped the work it held: " + back.calls());
        }
        assertEquals(0, callsPerStep(hash, 2).get(1), "no later step called");
        assertTrue(system.notifications.byKey(hash).isEmpty(), "nothing published for the dropped item");
        CommandRun twice = CommandRun.of("cancel", "--notifier", system.notifier.baseUrl(), hash);
        assertEquals(ExitCodes.REFUSED, twice.exit(), "a cancelled chain has ended");
    }

    /** The chain page's buttons, in a real browser: Retry on a failed chain, Cancel on a running one. */
    @Test
    void theConsolesButtonsRetryAndCancel() {
        WebDriver browser = HeadlessChromium.start(); // here only: the other cases need no browser
        try {
            clickRetryAndCancel(browser);
        } finally {
            browser.quit();
        }
    }

    private void clickRetryAndCancel(WebDriver browser) {
        String failing = submit(WorkMessage.builder()
                .item(0, demo("/api/faults/flaky?failures=" + FAILURES, text(unique("console-retry")))).build());
        String slow = submit(WorkMessage.builder()
                .item(0, demo("/api/faults/slow?ms=30000", text(unique("console-cancel")))).build());
        assertEquals(ChainStatus.FAILED, awaitCompletion(failing, 1).status());
        String console = system.notifier.baseUrl() + "/console/chain.html?hash=";

        browser.get(console + failing);
        await().atMost(WAIT).until(() -> browser.findElement(By.id("status")).getText().equals("FAILED"));
        assertTrue(browser.findElement(By.id("cancel")).getAttribute("hidden") != null, "no Cancel on a failed chain");
        browser.findElement(By.id("retry")).click();
        await().atMost(WAIT).until(() -> browser.findElement(By.id("status")).getText().equals("COMPLETED"));
        assertTrue(browser.findElement(By.id("times")).getText().startsWith("attempt 2"),
                browser.findElement(By.id("times")).getText());
        assertTrue(HeadlessChromium.waitFor(browser, By.cssSelector("#actions td.outcome"), WAIT).getText()
                .startsWith("attempt 2 started at step 0"), "the timeline shows the operator's action");
        assertEquals(ChainStatus.COMPLETED, awaitCompletion(failing, 2).status());

        browser.get(console + slow);
        await().atMost(WAIT).until(() -> browser.findElement(By.id("status")).getText().equals("RUNNING"));
        browser.findElement(By.id("cancel")).click();
        await().atMost(WAIT).until(() -> browser.findElement(By.id("status")).getText().equals("CANCELLED"));
        assertEquals(ChainStatus.CANCELLED, awaitCompletion(slow, 1).status());
        assertTrue(browser.findElement(By.id("actions")).getText().contains("cancel"),
                "who cancelled, on the timeline");
    }

    private String submit(WorkMessage chain) {
        system.produce(Topics.WORK, chain.hash(), chain, WireFormat.JSON);
        return chain.hash();
    }

    /** The chain's completion of that attempt (the first run is 1). */
    private CompletionMessage awaitCompletion(String hash, int attempt) {
        await().atMost(WAIT).until(() -> completions(system.completions.byKey(hash)).stream()
                .anyMatch(c -> c.attemptOrFirst() == attempt));
        return completions(system.completions.byKey(hash)).stream().filter(c -> c.attemptOrFirst() == attempt)
                .findFirst().orElseThrow();
    }

    /** How many calls the demo service received for each step of the chain, step 0 first. */
    private List<Integer> callsPerStep(String hash, int steps) {
        JsonNode calls = system.getJson(system.demo, "/api/calls?hash=" + hash);
        Integer[] counts = new Integer[steps];
        Arrays.fill(counts, 0);
        calls.forEach(call -> counts[call.path("order").asInt()]++);
        return List.of(counts);
    }

    /** An operator's POST as the console sends it: the status code. */
    private int post(String hash, String action) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest
                .newBuilder(URI.create(system.notifier.baseUrl() + "/chains/" + hash + "/" + action))
                .header(OperatorHeaders.REQUESTED_BY, "e2e").POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
