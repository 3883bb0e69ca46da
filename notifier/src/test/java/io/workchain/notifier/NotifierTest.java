package io.workchain.notifier;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.workchain.common.OperatorHeaders;
import io.workchain.common.Topics;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.callback.CallbackHeaders;
import io.workchain.common.callback.CallbackSigner;
import io.workchain.common.callback.CallbackToken;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.KafkaBrokerTestResource;
import io.workchain.testing.KafkaTestClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notifier's topology against a real broker, fed by hand: the test plays the ESB and the
 * services (producing notifications), and reads the next steps and the completion.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class NotifierTest {

    private static KafkaProducer<String, byte[]> producer;
    /** The test profile's callback key (application.properties). */
    private static final String CALLBACK_KEY = "notifier-test-callback-key-0123456789abcdef";

    @BeforeAll
    static void producer() {
        producer = KafkaTestClients.producer(bootstrap());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void theChainListRefusesBadFiltersAndAnswersGoodOnes() {
        given().get("/chains?status=BOGUS").then().statusCode(400);
        given().get("/chains?limit=0").then().statusCode(400);
        given().get("/chains?limit=501").then().statusCode(400);
        given().get("/chains?q=" + "x".repeat(65)).then().statusCode(400);
        given().get("/chains/not-a-hash").then().statusCode(404);
        given().get("/chains?status=COMPLETED&limit=5").then().statusCode(200)
                .body("instances", is(1)).body("unreachable.size()", is(0));
    }

    @Test
    void unknownChainIs404() {
        given().get("/chains/0123456789abcdef0123456789abcdef").then().statusCode(404);
    }

    @Test
    void drivesAChainStepByStepToOneCompletion() throws Exception {
        WorkMessage work = WorkMessage.builder()
                .item(0, Request.http("demo", "/a", "POST", "{\"id\":\"" + UUID.randomUUID() + "\"}"))
                .item(1, Request.http("demo", "/b", "POST", "{}"))
                .build();
        send(Topics.WORK, null, MessageCodec.toJson(work.withHash(null))); // keyless, no hash: re-keyed

        ConsumerRecord<String, byte[]> rekeyed = readOne(Topics.WORK, r -> work.hash().equals(r.key()));
        assertEquals(work, MessageCodec.decode(rekeyed.value(), null, WorkMessage.class));

        send(Topics.NOTIFICATION, work.hash(), MessageCodec.toJson(NotificationMessage.of(work.hash(), 0, 0,
                Response.success("first", null))));
        // The next step goes to the steps topic (which only the notifier writes), with the chain's deadline.
        ConsumerRecord<String, byte[]> next = readOne(Topics.STEPS, r -> work.hash().equals(r.key())
                && MessageCodec.decode(r.value(), null, WorkMessage.class).nextStep().orElse(-1) == 1);
        assertEquals("first",
                MessageCodec.decode(next.value(), null, WorkMessage.class).items().get(0).response().data());
        long deadline = Long.parseLong(
                new String(next.headers().lastHeader(WorkchainHeaders.DEADLINE).value(), StandardCharsets.UTF_8));
        assertTrue(deadline > System.currentTimeMillis() + 3_000_000L, "an hour from acceptance by default");
        given().get("/chains/" + work.hash()).then().statusCode(200)
                .body("status", is("RUNNING")).body("steps_done", is(1)).body("next_step", is(1));

        send(Topics.NOTIFICATION, work.hash(), MessageCodec.toJson(NotificationMessage.of(work.hash(), 1, null,
                Response.success("second", null))));
        CompletionMessage completion = MessageCodec.decode(
                readOne(Topics.COMPLETION, r -> work.hash().equals(r.key())).value(), null, CompletionMessage.class);
        assertEquals(ChainStatus.COMPLETED, completion.status());
        assertEquals(List.of("first", "second"), completion.items().stream().map(i -> i.response().data()).toList());
        given().get("/chains/" + work.hash()).then().statusCode(200).body("status", is("COMPLETED"));
    }

    /**
     * The operator's endpoints, status code by status code, on a chain the test drives: 409 while it
     * runs, 403 without the operator's header, 404 for an unknown chain, 400 for a bad attempt; a
     * retry of the failed attempt (202) runs its failed step again as attempt 2, a second retry of
     * it is refused, and a cancel (202) ends attempt 2 CANCELLED with the ESB's marker.
     */
    @Test
    void operatorsRetryAFailedChainAndCancelARunningOne() throws Exception {
        WorkMessage work = WorkMessage.builder()
                .item(0, Request.http("demo", "/a", "POST", "{\"id\":\"" + UUID.randomUUID() + "\"}"))
                .item(0, Request.http("demo", "/b", "POST", "{}"))
                .item(1, Request.http("demo", "/c", "POST", "{}"))
                .build();
        String hash = work.hash();
        send(Topics.WORK, hash, MessageCodec.toJson(work));
        readOne(Topics.STEPS, r -> hash.equals(r.key()));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/chains/" + hash).statusCode() == 200);
        operator().post("/chains/" + hash + "/retry").then().statusCode(409).body("status", is("RUNNING"));
        given().post("/chains/" + hash + "/cancel").then().statusCode(403);
        operator().post("/chains/0123456789abcdef0123456789abcdef/retry").then().statusCode(404);
        operator().post("/chains/not-a-hash/cancel").then().statusCode(404);

        send(Topics.NOTIFICATION, hash,
                MessageCodec.toJson(NotificationMessage.of(hash, 0, 0, Response.success("a", null))));
        send(Topics.NOTIFICATION, hash,
                MessageCodec.toJson(NotificationMessage.of(hash, 0, 1, Response.failure("HTTP 503", null))));
        readOne(Topics.COMPLETION, r -> hash.equals(r.key()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/chains/" + hash).path("status").equals("FAILED"));
        operator().post("/chains/" + hash + "/cancel").then().statusCode(409);
        operator().post("/chains/" + hash + "/retry?attempt=x").then().statusCode(400);
        operator().post("/chains/" + hash + "/retry?attempt=2").then().statusCode(409);
        operator().post("/chains/" + hash + "/retry?attempt=1").then().statusCode(202)
                .body("action", is("retry")).body("attempt", is(1)).body("requested_by", is("anonymous"));

        ConsumerRecord<String, byte[]> again = readOne(Topics.STEPS, r -> hash.equals(r.key()) && r.value().length > 0
                && MessageCodec.decode(r.value(), null, WorkMessage.class).items().get(0).answered());
        WorkMessage step = MessageCodec.decode(again.value(), null, WorkMessage.class);
        assertEquals("a", step.items().get(0).response().data(), "the item that answered is not run again");
        assertEquals(0, step.nextStep().orElseThrow(), "the failed step runs again");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/chains/" + hash).path("attempt").equals(2));
        given().get("/chains/" + hash).then().body("status", is("RUNNING")).body("actions[0].by", is("anonymous"))
                .body("actions[0].action", is("retry")).body("actions[0].attempt", is(2));
        operator().post("/chains/" + hash + "/retry?attempt=1").then().statusCode(409);

        operator().post("/chains/" + hash + "/cancel").then().statusCode(202).body("attempt", is(2));
        CompletionMessage cancelled = MessageCodec.decode(readOne(Topics.COMPLETION, r -> hash.equals(r.key())
                && MessageCodec.decode(r.value(), null, CompletionMessage.class).status() == ChainStatus.CANCELLED)
                .value(),
                null, CompletionMessage.class);
        assertEquals(2, cancelled.attempt());
        readOne(Topics.STEPS, r -> hash.equals(r.key()) && r.headers().lastHeader(WorkchainHeaders.CANCELLED) != null);
    }

    /**
     * A service's callback, status code by status code, on a chain the test drives: 401 for a
     * missing, forged, other item's or expired token, 413 too large, 400 not a response object, 409
     * for a step not dispatched; then 202, and the item's answer is on the notification topic (with
     * the receipt, not the token), the chain moves on, and its timeline notes the callback; a second
     * answer for the item is refused (409), and after the chain ended too.
     */
    @Test
    void aServiceAnswersAnItemOverHttpWithItsCallbackToken() throws Exception {
        WorkMessage work = WorkMessage.builder()
                .item(0, Request.http("demo", "/a", "POST", "{\"id\":\"" + UUID.randomUUID() + "\"}"))
                .item(1, Request.http("demo", "/b", "POST", "{}"))
                .build();
        String hash = work.hash();
        send(Topics.WORK, hash, MessageCodec.toJson(work));
        readOne(Topics.STEPS, r -> hash.equals(r.key()));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/chains/" + hash).statusCode() == 200);
        CallbackSigner gateway = CallbackSigner.of(Optional.of(CALLBACK_KEY)).orElseThrow();
        long now = System.currentTimeMillis();
        String token = gateway.sign(new CallbackToken(hash, 0, 0, now, now + 60_000));
        String path = "/callbacks/" + hash + "/0/0";
        String ok = "{\"error\":false,\"ok\":true,\"data\":\"late but fine\"}";

        given().body(ok).post(path).then().statusCode(401).header("WWW-Authenticate",
                is("Bearer realm=\"workchain-callback\""));
        callback(token.substring(0, token.length() - 2) + "xx", ok, path).then().statusCode(401);
        String forged = CallbackSigner.of(Optional.of(CALLBACK_KEY + "-not-ours")).orElseThrow()
                .sign(new CallbackToken(hash, 0, 0, now, now + 60_000));
        callback(forged, ok, path).then().statusCode(401);
        callback(token, ok, "/callbacks/" + hash + "/1/1").then().statusCode(401); // another item's
        callback(gateway.sign(new CallbackToken(hash, 0, 0, now - 60_000, now - 1)), ok, path).then().statusCode(401);
        callback(token, "{\"data\":\"" + "x".repeat(300_000) + "\"}", path).then().statusCode(413);
        callback(token, "[1,2]", path).then().statusCode(400);
        callback(token, "{\"ok\":true} trailing", path).then().statusCode(400);
        callback(gateway.sign(new CallbackToken(hash, 1, 1, now, now + 60_000)), ok, "/callbacks/" + hash + "/1/1")
                .then().statusCode(409); // step 1 not dispatched yet

        callback(token, ok, path).then().statusCode(202).body("hash", is(hash)).body("index", is(0));
        ConsumerRecord<String, byte[]> published = readOne(Topics.NOTIFICATION, r -> hash.equals(r.key()));
        NotificationMessage answer = MessageCodec.decode(published.value(), null, NotificationMessage.class);
        assertEquals("late but fine", answer.items().get(0).response().data());
        assertTrue(gateway.isReceiptFor(new String(published.headers().lastHeader(CallbackHeaders.RECEIPT).value(),
                StandardCharsets.UTF_8), hash, 0, 0));
        assertTrue(!new String(published.value(), StandardCharsets.UTF_8).contains(token), "the token stays here");
        readOne(Topics.STEPS, r -> hash.equals(r.key()) && r.value().length > 0
                && MessageCodec.decode(r.value(), null, WorkMessage.class).nextStep().orElse(-1) == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/chains/" + hash).path("actions.size()").equals(1));
        given().get("/chains/" + hash).then().body("actions[0].action", is("callback"))
                .body("actions[0].outcome", is("item 0 of step 0 answered (ok)"));
        callback(token, ok, path).then().statusCode(409); // the first answer counts

        String last = gateway.sign(new CallbackToken(hash, 1, 1, System.currentTimeMillis(), now + 60_000));
        callback(last, ok, "/callbacks/" + hash + "/1/1").then().statusCode(202);
        readOne(Topics.COMPLETION, r -> hash.equals(r.key()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/chains/" + hash).path("status").equals("COMPLETED"));
        callback(last, ok, "/callbacks/" + hash + "/1/1").then().statusCode(409);
    }

    private static io.restassured.response.Response callback(String token, String body, String path) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json").body(body)
                .post(path);
    }

    private static RequestSpecification operator() {
        return given().header(OperatorHeaders.REQUESTED_BY, "test");
    }

    @Test
    void unreadableNotificationsAreDeadLettered() throws Exception {
        String key = "bad-" + UUID.randomUUID();
        send(Topics.NOTIFICATION, key, "{\"notification_message\":{\"items\":[]}}".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> dead = readOne(Topics.DEAD_LETTER, r -> key.equals(r.key()));
        assertEquals("hash is missing",
                new String(dead.headers().lastHeader(WorkchainHeaders.DLQ_REASON).value(), StandardCharsets.UTF_8));
        assertEquals("workchain-notifier",
                new String(dead.headers().lastHeader(WorkchainHeaders.DLQ_SERVICE).value(), StandardCharsets.UTF_8));
    }

    private static void send(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private static ConsumerRecord<String, byte[]> readOne(String topic,
            Predicate<ConsumerRecord<String, byte[]>> wanted) {
        return KafkaTestClients.readFirst(bootstrap(), topic, wanted, Duration.ofSeconds(60));
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
