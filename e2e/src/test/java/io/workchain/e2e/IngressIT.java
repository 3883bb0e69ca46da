package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.workchain.common.Topics;
import io.workchain.common.client.WorkchainClient;
import io.workchain.common.client.WorkchainClientConfig;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static io.workchain.e2e.Chains.completions;
import static io.workchain.e2e.Chains.demo;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ingress, end to end: the notifier folds notifications, drives each chain step by step and
 * publishes one completion message per chain; all services really running, a real broker.
 */
class IngressIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static WorkchainSystem system;
    private static WorkchainClient client;

    @BeforeAll
    static void start() {
        system = WorkchainSystem.get();
        client = WorkchainClient.start(WorkchainClientConfig.of(system.broker.bootstrapServers()).withTimeout(WAIT));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void theSampleChainCompletesWithEveryExpectedAnswer() throws Exception {
        byte[] sample = Files
                .readAllBytes(Path.of(System.getProperty("workchain.root", ".."), "samples", "sample-chain.json"));
        WorkMessage work = MessageCodec.decode(sample, null, WorkMessage.class);

        CompletionMessage completion = client.submit(work).toCompletableFuture().get(WAIT.toSeconds(),
                TimeUnit.SECONDS);

        assertEquals(ChainStatus.COMPLETED, completion.status(), completion::toString);
        assertEquals(ChainHash.of(work.items()), completion.hash());
        assertEquals(java.util.Arrays.asList("{\"text\":\"HELLO WORKCHAIN\"}", "{\"words\":2,\"characters\":15}",
                "{\"text\":\"ANSWERED LATER, OVER KAFKA\"}", "{\"text\":\"NIAHCKROW OLLEH\"}", null),
                completion.items().stream().map(i -> i.response().data()).toList());
        assertEquals(List.of(0, 0, 1, 2, 3), completion.items().stream().map(i -> i.order()).toList());
        assertTrue(completion.items().get(4).response().metadata().contains("\"confirmed\":true"),
                "the sample's last step is published to RabbitMQ and confirmed");
    }

    /** The README's Java example, as written there (ReadmeSnippetsTest holds the two equal). */
    @Test
    void theReadmesJavaExampleRuns() throws Exception {
        String bootstrapServers = system.broker.bootstrapServers();
        // @formatter:off (the README shows this region as written)
        // README: java
        WorkMessage work = WorkMessage.builder()
                .item(0, Request.http("demo", "/api/text/upper", "POST", "{\"text\":\"hello\"}"))
                .item(1, Request.http("demo", "/api/text/count", "POST", "{\"text\":\"{{order:0/text}} world\"}"))
                .build();                                                     // fills the hash
        try (WorkchainClient client = WorkchainClient.start(WorkchainClientConfig.of(bootstrapServers))) {
            CompletionMessage done = client.submit(work).toCompletableFuture().get(60, TimeUnit.SECONDS);
            System.out.println(done.status() + " " + done.items().get(1).response().data());
        }
        // README: end
        // @formatter:on
        CompletionMessage completion = completions(system.completions.byKey(work.hash())).get(0);
        assertEquals(ChainStatus.COMPLETED, completion.status());
        assertEquals("{\"words\":2,\"characters\":11}", completion.items().get(1).response().data());
    }

    @Test
    void theNextStepStartsOnlyAfterEveryItemOfTheParallelStepAnswered() throws Exception {
        String word = unique("fanin");
        WorkMessage work = WorkMessage.builder()
                .item(0, demo("/api/faults/slow?ms=800", text(word)))
                .item(0, demo("/api/text/upper", text(word)))
                .item(0, demo("/api/faults/slow?ms=400", text(word)))
                .item(1, demo("/api/text/reverse", text(word)))
                .build();

        CompletionMessage completion = client.submit(work).toCompletableFuture().get(WAIT.toSeconds(),
                TimeUnit.SECONDS);

        assertEquals(ChainStatus.COMPLETED, completion.status());
        JsonNode calls = system.getJson(system.demo, "/api/calls?hash=" + work.hash());
        long lastEndOfStep0 = 0;
        long startOfStep1 = Long.MAX_VALUE;
        for (JsonNode call : calls) {
            if (call.get("order").asInt() == 0) {
                lastEndOfStep0 = Math.max(lastEndOfStep0, call.get("endedAt").asLong());
            } else {
                startOfStep1 = Math.min(startOfStep1, call.get("startedAt").asLong());
            }
        }
        assertEquals(4, calls.size());
        assertTrue(startOfStep1 >= lastEndOfStep0, "step 1 started at " + startOfStep1
                + ", before step 0's last answer at " + lastEndOfStep0);
    }

    @Test
    void aFailingItemInStepTwoEndsTheChainAndStepThreeIsNeverCalled() throws Exception {
        String word = unique("fail");
        WorkMessage work = WorkMessage.builder()
                .item(0, demo("/api/text/upper", text(word)))
                .item(1, demo("/api/faults/status/404", text(word)))
                .item(2, demo("/api/text/reverse", text(word)))
                .build();

        CompletionMessage completion = client.submit(work).toCompletableFuture().get(WAIT.toSeconds(),
                TimeUnit.SECONDS);

        assertEquals(ChainStatus.FAILED, completion.status());
        assertTrue(completion.error().startsWith("step 1 failed: item 1: HTTP 404 from "), completion.error());
        assertTrue(completion.items().get(0).response().ok());
        assertEquals("not run: step 1 failed", completion.items().get(2).response().data());
        ServiceProcess.sleep(1000);
        JsonNode calls = system.getJson(system.demo, "/api/calls?hash=" + work.hash());
        assertEquals(2, calls.size(), "steps 1 and 2 called, step 3 never: " + calls);
    }

    @Test
    void aDuplicatedNotificationChangesNothing() {
        WorkMessage work = acceptedOnly(unique("duplicate"));
        system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);
        NotificationMessage answer = NotificationMessage.of(work.hash(), 0, 0, Response.success("from the test", null));

        system.produce(Topics.NOTIFICATION, work.hash(), answer, WireFormat.JSON);
        system.produce(Topics.NOTIFICATION, work.hash(), answer, WireFormat.PROTOBUF);

        CompletionMessage completion = awaitSingleCompletion(work.hash());
        assertEquals("from the test", completion.items().get(0).response().data());
    }

    @Test
    void aNotificationBeforeItsWorkMessageIsNotLost() {
        WorkMessage work = acceptedOnly(unique("early"));
        system.produce(Topics.NOTIFICATION, work.hash(),
                NotificationMessage.of(work.hash(), 0, 0, Response.success("early answer", null)), WireFormat.JSON);
        ServiceProcess.sleep(500);

        system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);

        assertEquals("early answer", awaitSingleCompletion(work.hash()).items().get(0).response().data());
    }

    @Test
    void theNotifierRestartsInTheMiddleOfAChainAndTheChainCompletesOnce() {
        String word = unique("restart");
        WorkMessage work = WorkMessage.builder()
                .item(0, demo("/api/text/upper", text(word)))
                .item(1, demo("/api/faults/slow?ms=2500", text(word)))
                .item(2, demo("/api/text/reverse", text(word)))
                .build();
        system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);
        // Step 0 answered and step 1's slow call open: the chain is in the middle of its run.
        await().atMost(WAIT).until(() -> hasOpenCall(work.hash(), 1));

        // Checked before the crash, not after the restart: a restart slower than the slow call's
        // remaining 2.5 s lets the chain finish before any check after it could run.
        assertTrue(system.completions.byKey(work.hash()).isEmpty(), "still running when the notifier crashes");
        system.notifier.kill(); // a crash, not a clean stop: uncommitted work must not be lost or doubled
        ServiceProcess.sleep(1000);
        system.notifier.start();

        CompletionMessage completion = awaitSingleCompletion(work.hash());
        assertEquals(ChainStatus.COMPLETED, completion.status());
        assertEquals("{\"text\":\"" + new StringBuilder(word).reverse() + "\"}",
                completion.items().get(2).response().data());
    }

    @Test
    void theEsbCrashesInTheMiddleOfAStepAndTheStepIsRunAgain() {
        String word = unique("esb-crash");
        WorkMessage work = WorkMessage.builder()
                .item(0, demo("/api/text/upper", text(word)))
                .item(1, demo("/api/faults/slow?ms=3000", text(word)))
                .build();
        system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);
        await().atMost(WAIT).until(() -> hasOpenCall(work.hash(), 1));

        system.esb.kill(); // step 1's call is open: its work record is not committed yet
        ServiceProcess.sleep(500);
        system.esb.start();

        CompletionMessage completion = awaitSingleCompletion(work.hash());
        assertEquals(ChainStatus.COMPLETED, completion.status());
        assertEquals("{\"slept_ms\":3000}", completion.items().get(1).response().data());
        long callsOfStep1 = 0;
        for (JsonNode call : system.getJson(system.demo, "/api/calls?hash=" + work.hash())) {
            callsOfStep1 += call.get("order").asInt() == 1 ? 1 : 0;
        }
        assertEquals(2, callsOfStep1, "the step whose record was not committed ran again (at-least-once)");
    }

    @Test
    void chainStatusShowsProgressThenTheResult() {
        String word = unique("status");
        WorkMessage work = WorkMessage.builder()
                .item(0, demo("/api/faults/slow?ms=3000", text(word)))
                .item(1, demo("/api/text/upper", text(word)))
                .build();
        assertEquals(404, system.getStatus(system.notifier, "/chains/" + work.hash()));

        system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);

        await().atMost(WAIT).until(() -> system.getStatus(system.notifier, "/chains/" + work.hash()) == 200);
        JsonNode running = system.getJson(system.notifier, "/chains/" + work.hash());
        assertEquals("RUNNING", running.get("status").asText(), running::toString);
        assertEquals(0, running.get("steps_done").asInt());
        assertEquals(2, running.get("steps_total").asInt());
        assertEquals("PENDING", running.get("steps").get(0).get("items").get(0).get("state").asText());

        awaitSingleCompletion(work.hash());
        JsonNode done = system.getJson(system.notifier, "/chains/" + work.hash());
        assertEquals("COMPLETED", done.get("status").asText(), done::toString);
        assertEquals(2, done.get("steps_done").asInt());
        assertEquals("{\"text\":\"" + word.toUpperCase(Locale.ROOT) + "\"}",
                done.get("steps").get(1).get("items").get(0).get("response").get("data").asText());
    }

    /** One item that the demo service accepts (202) and nobody answers: the test answers it. */
    private static WorkMessage acceptedOnly(String word) {
        return WorkMessage.builder().item(0, demo("/api/faults/status/202", text(word))).build();
    }

    /**
     * Whether the demo service has the chain's step {@code order} under way now. Not any open call:
     * a slow call of an earlier test may still be open, and a crash before this chain's own call
     * began would run the step only once.
     */
    private static boolean hasOpenCall(String hash, int order) {
        for (JsonNode call : system.getJson(system.demo, "/api/calls/open?hash=" + hash)) {
            if (call.get("order").asInt() == order) {
                return true;
            }
        }
        return false;
    }

    /** Waits for the chain's completion, then a little longer to be sure no second one follows. */
    static CompletionMessage awaitSingleCompletion(String hash) {
        await().atMost(WAIT).until(() -> !system.completions.byKey(hash).isEmpty());
        ServiceProcess.sleep(1500);
        List<CompletionMessage> all = completions(system.completions.byKey(hash));
        assertEquals(1, all.size(), "exactly one completion message: " + all);
        return all.get(0);
    }
}
