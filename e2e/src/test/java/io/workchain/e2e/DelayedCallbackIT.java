package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.workchain.common.OperatorHeaders;
import io.workchain.common.Topics;
import io.workchain.common.callback.CallbackHeaders;
import io.workchain.common.callback.CallbackSigner;
import io.workchain.common.callback.CallbackToken;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.RecordingHttpServer;
import io.workchain.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.workchain.e2e.Chains.completions;
import static io.workchain.e2e.Chains.demo;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21, item 4: a service that cannot reach Kafka answers a 202 item over HTTP, more than a
 * minute later, with the callback token and URL the gateway gave it with the call. Meanwhile (so
 * the whole takes about the wait): a forged token and another item's token are refused (401) and
 * change nothing, and a chain that ended (an operator cancelled it while its item's token was still
 * valid) refuses a late answer (409) and has one completion. The
 * service is a recording HTTP server of this test that answers 202 (route callback-service); the
 * rest are the real services.
 */
class DelayedCallbackIT {

    /** Longer than a minute: "a service that answers minutes later", within the item's 10 min. */
    private static final Duration ANSWER_AFTER = Duration.ofSeconds(65);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final WorkchainSystem system = WorkchainSystem.get();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aServiceAnswersOverHttpAMinuteLaterAndNobodyElseCan() throws Exception {
        try (RecordingHttpServer service = RecordingHttpServer.startOn(system.callbackServicePort)) {
            // The slow chain: its first item is answered over HTTP a minute later, its second step uses that answer.
            WorkMessage slow = WorkMessage.builder()
                    .item(0, Request.http("callback-service", "/status/202", "POST", text(unique("slow"))))
                    .item(1, demo("/api/text/upper", text("{{order:0/text}}"))).build();
            // The ended chain: its item answers 202, then an operator cancels it while the item's token is valid.
            WorkMessage ended = WorkMessage.builder()
                    .item(0, Request.http("callback-service", "/status/202", "POST", text(unique("ended")))).build();
            system.produce(Topics.WORK, slow.hash(), slow, WireFormat.JSON);
            system.produce(Topics.WORK, ended.hash(), ended, WireFormat.JSON);

            RecordingHttpServer.Call slowCall = callOf(service, slow.hash(), "/status/202");
            long calledAt = System.currentTimeMillis();
            RecordingHttpServer.Call endedCall = callOf(service, ended.hash(), "/status/202");
            String slowUrl = slowCall.header(CallbackHeaders.URL);
            assertEquals(system.notifier.baseUrl() + "/callbacks/" + slow.hash() + "/0/0", slowUrl);
            CallbackSigner signer = CallbackSigner.of(Optional.of(system.callbackKey)).orElseThrow();
            CallbackToken token = signer.verify(slowCall.header(CallbackHeaders.TOKEN), slow.hash(), 0, 0, calledAt);
            long tenMinutes = Duration.ofMinutes(10).toMillis();
            assertTrue(Math.abs(token.expiresAt() - (token.issuedAt() + tenMinutes)) < 10_000,
                    "the token expires with the item (10 min, the default item timeout): " + token);

            // The long wait, while the refusals run beside it.
            CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> {
                ServiceProcess.sleep(ANSWER_AFTER.toMillis());
                return post(slowUrl, "Authorization", "Bearer " + slowCall.header(CallbackHeaders.TOKEN),
                        "{\"error\":false,\"ok\":true,\"data\":\"{\\\"text\\\":\\\"answered a minute later\\\"}\"}");
            });

            String ok = "{\"error\":false,\"ok\":true,\"data\":\"{\\\"text\\\":\\\"not the service\\\"}\"}";
            CallbackSigner forger = CallbackSigner.of(Optional.of(system.callbackKey + "-guessed")).orElseThrow();
            String forged = forger.sign(new CallbackToken(slow.hash(), 0, 0, calledAt, calledAt + tenMinutes));
            HttpResponse<String> forgedAnswer = post(slowUrl, "Authorization", "Bearer " + forged, ok);
            assertEquals(401, forgedAnswer.statusCode(), forgedAnswer.body());
            HttpResponse<String> otherItems = post(slowUrl, CallbackHeaders.TOKEN,
                    endedCall.header(CallbackHeaders.TOKEN), ok);
            assertEquals(401, otherItems.statusCode(), otherItems.body());
            assertTrue(otherItems.body().contains("another item"), otherItems.body());
            assertEquals(401, post(slowUrl, "Authorization", "Bearer", ok).statusCode(), "no token");

            HttpResponse<String> cancel = post(system.notifier.baseUrl() + "/chains/" + ended.hash() + "/cancel",
                    OperatorHeaders.REQUESTED_BY, "DelayedCallbackIT", "");
            assertEquals(202, cancel.statusCode(), cancel.body());
            await().atMost(WAIT).until(() -> !system.completions.byKey(ended.hash()).isEmpty());
            assertEquals(ChainStatus.CANCELLED, completions(system.completions.byKey(ended.hash())).get(0).status());
            HttpResponse<String> late = post(endedCall.header(CallbackHeaders.URL), "Authorization",
                    "Bearer " + endedCall.header(CallbackHeaders.TOKEN), ok);
            assertEquals(409, late.statusCode(), late.body());
            assertTrue(late.body().contains("ended (CANCELLED"), late.body());

            JsonNode meanwhile = system.getJson(system.notifier, "/chains/" + slow.hash());
            assertEquals("RUNNING", meanwhile.path("status").asText(), "the refused answers changed nothing");
            assertEquals(0, meanwhile.path("steps_done").asInt());
            assertTrue(system.completions.byKey(slow.hash()).isEmpty());

            HttpResponse<String> accepted = answer.get();
            assertEquals(202, accepted.statusCode(), accepted.body());
            assertTrue(System.currentTimeMillis() - calledAt >= ANSWER_AFTER.toMillis(), "answered a minute later");
            await().atMost(WAIT).until(() -> !system.completions.byKey(slow.hash()).isEmpty());
            CompletionMessage done = completions(system.completions.byKey(slow.hash())).get(0);
            assertEquals(ChainStatus.COMPLETED, done.status(), String.valueOf(done));
            assertTrue(done.items().get(1).response().data().contains("ANSWERED A MINUTE LATER"),
                    "the next step ran on the callback's answer: " + done.items().get(1).response().data());
            JsonNode timeline = system.getJson(system.notifier, "/chains/" + slow.hash()).path("actions");
            assertEquals("callback", timeline.path(0).path("action").asText(), timeline.toString());
            assertEquals("item 0 of step 0 answered (ok)", timeline.path(0).path("outcome").asText());

            HttpResponse<String> again = post(slowUrl, "Authorization",
                    "Bearer " + slowCall.header(CallbackHeaders.TOKEN), ok);
            assertEquals(409, again.statusCode(), "the chain has ended: " + again.body());
            ServiceProcess.sleep(1000);
            assertEquals(1, system.completions.byKey(slow.hash()).size(), "one completion");
            assertEquals(1, system.completions.byKey(ended.hash()).size(), "one completion, the late answer ignored");
            assertEquals(1, service.calls().stream().filter(c -> slow.hash().equals(c.header(CallHeaders.CHAIN_HASH)))
                    .count(), "the service was called once");
        }
    }

    private static RecordingHttpServer.Call callOf(RecordingHttpServer service, String hash, String path) {
        await().atMost(WAIT).until(() -> service.calls().stream()
                .anyMatch(c -> hash.equals(c.header(CallHeaders.CHAIN_HASH)) && path.equals(c.path())));
        return service.calls().stream()
                .filter(c -> hash.equals(c.header(CallHeaders.CHAIN_HASH)) && path.equals(c.path()))
                .findFirst().orElseThrow();
    }

    private HttpResponse<String> post(String url, String header, String value, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header(header, value)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
