package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.workchain.common.Topics;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.message.Request;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.RecordingHttpServer;
import io.workchain.testing.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static io.workchain.e2e.Chains.demo;
import static io.workchain.e2e.Chains.notified;
import static io.workchain.e2e.Chains.single;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Egress, end to end: work records produced with a plain KafkaProducer go through the ESB and the
 * Service Gateway (gRPC, and REST) to the demo service, whose answers come back as notification
 * messages. Every service runs as its own process; nothing is mocked.
 */
class EgressIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static WorkchainSystem system;

    @BeforeAll
    static void start() {
        system = WorkchainSystem.get();
    }

    @Test
    void jsonAndProtobufWorkRecordsYieldTheDemoServicesAnswers() {
        String a = unique("json");
        String b = unique("protobuf");
        WorkMessage json = single(demo("/api/text/upper", text(a)));
        WorkMessage protobuf = single(demo("/api/text/reverse", text(b)));

        system.produce(Topics.WORK, json.hash(), json, WireFormat.JSON);
        system.produce(Topics.WORK, protobuf.hash(), protobuf, WireFormat.PROTOBUF);

        ResultItem upper = awaitOne(json.hash());
        assertTrue(upper.response().ok());
        assertEquals("{\"text\":\"" + a.toUpperCase(Locale.ROOT) + "\"}", upper.response().data());
        assertEquals("{\"status\":200,\"content_type\":\"application/json;charset=UTF-8\"}",
                upper.response().metadata());
        assertEquals(0, upper.index());
        ResultItem reversed = awaitOne(protobuf.hash());
        assertEquals("{\"text\":\"" + new StringBuilder(b).reverse() + "\"}", reversed.response().data());
    }

    @Test
    void restTransportGivesTheSameResult() {
        String word = unique("rest");
        WorkMessage work = single(demo("/api/text/sha256", text(word)));

        // A step as the notifier writes it: stamped with its chain's deadline.
        ProducerRecord<String, byte[]> step = new ProducerRecord<>(WorkchainSystem.REST_STEPS_TOPIC, work.hash(),
                MessageCodec.toJson(work));
        step.headers().add(WorkchainHeaders.DEADLINE, Long.toString(System.currentTimeMillis() + 60_000)
                .getBytes(StandardCharsets.UTF_8));
        system.produceTo(step);

        ResultItem result = awaitOne(work.hash());
        assertTrue(result.response().ok());
        assertTrue(result.response().data().startsWith("{\"sha256\":\""), result.response().data());
        JsonNode calls = system.getJson(system.demo, "/api/calls?hash=" + work.hash());
        assertEquals("/api/text/sha256", calls.get(0).get("path").asText());
        // That ESB writes the topics in protobuf (workchain.wire-format), and says so: the result
        // above was read from it.
        ConsumerRecord<String, byte[]> written = system.notifications.byKey(work.hash()).get(0);
        assertEquals(WireFormat.PROTOBUF.contentType(), header(written, WorkchainHeaders.CONTENT_TYPE));
        assertEquals(WireFormat.PROTOBUF, WireFormat.sniff(written.value()).orElseThrow());
    }

    @Test
    void asynchronousItemIsAnsweredByTheServiceItself() {
        String word = unique("async");
        WorkMessage work = single(demo("/api/async/upper", text(word)));

        system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);

        ResultItem result = awaitOne(work.hash());
        assertEquals("{\"text\":\"" + word.toUpperCase(Locale.ROOT) + "\"}", result.response().data());
        assertEquals("{\"status\":200,\"async\":true}", result.response().metadata(), "published by the demo service");
        ServiceProcess.sleep(1000);
        assertEquals(1, notified(system.notifications.byKey(work.hash())).size(),
                "the ESB publishes nothing for a 202");
    }

    @Test
    void parallelItemsOfOneStepAreEachNamedByIndex() {
        String word = unique("fan");
        WorkMessage work = WorkMessage.builder()
                .item(0, demo("/api/text/upper", text(word)))
                .item(0, demo("/api/text/reverse", text(word)))
                .item(0, demo("/api/text/count", text(word + " out")))
                .build();

        system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);

        List<ResultItem> results = awaitCount(work.hash(), 3).stream()
                .sorted(Comparator.comparing(ResultItem::index)).toList();
        assertEquals(List.of(0, 1, 2), results.stream().map(ResultItem::index).toList());
        assertEquals("{\"text\":\"" + word.toUpperCase(Locale.ROOT) + "\"}", results.get(0).response().data());
        assertEquals("{\"text\":\"" + new StringBuilder(word).reverse() + "\"}", results.get(1).response().data());
        assertEquals("{\"words\":2,\"characters\":" + (word.length() + 4) + "}", results.get(2).response().data());
    }

    @Test
    void targetsOutsideTheRoutesAndAllowListAreRefusedBeforeAnyCall() {
        try (RecordingHttpServer listener = RecordingHttpServer.start()) {
            String word = unique("refused");
            WorkMessage work = WorkMessage.builder()
                    .item(0, Request.http(listener.baseUrl(), "/steal", "POST", text(word)))
                    .item(0, Request.http("http://169.254.169.254", "/latest/meta-data", "GET", null))
                    .item(0, Request.http("http://not-allowed.example", "/x", "GET", null))
                    .build();

            system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);

            List<ResultItem> results = awaitCount(work.hash(), 3).stream()
                    .sorted(Comparator.comparing(ResultItem::index)).toList();
            assertTrue(results.stream().allMatch(r -> r.response().error()));
            assertEquals("target refused: host '127.0.0.1' is refused: loopback address; only a route may name it",
                    results.get(0).response().data());
            assertTrue(results.get(1).response().data().contains("link-local address"),
                    results.get(1).response().data());
            assertEquals("target refused: host 'not-allowed.example' is not on the gateway's allow-list",
                    results.get(2).response().data());
            assertEquals("{\"retryable\":false,\"attempts\":1,\"kind\":\"refused\"}",
                    results.get(0).response().metadata());
            assertEquals(List.of(), listener.calls(), "no request reached the listener");
        }
    }

    @Test
    void retryableFailuresAreRetriedAndOthersAreNot() {
        String word = unique("retry");
        WorkMessage work = WorkMessage.builder()
                .item(0, demo("/api/faults/flaky?failures=2", text(word)))
                .item(0, demo("/api/faults/status/404", text(word)))
                .item(0, demo("/api/faults/flaky?failures=100", text(word)))
                .build();

        system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);

        List<ResultItem> results = awaitCount(work.hash(), 3).stream()
                .sorted(Comparator.comparing(ResultItem::index)).toList();
        JsonNode calls = system.getJson(system.demo, "/api/calls?hash=" + work.hash());
        assertEquals(3, callsTo(calls, 0), "the flaky item: K=2 failures, then success");
        assertTrue(results.get(0).response().ok());
        assertEquals("{\"attempt\":3,\"ok\":true}", results.get(0).response().data());

        assertEquals(1, callsTo(calls, 1), "a 404 is not retried");
        assertTrue(results.get(1).response().error());
        assertTrue(results.get(1).response().data().startsWith("HTTP 404 from "), results.get(1).response().data());

        assertEquals(WorkchainSystem.MAX_RETRIES + 1, callsTo(calls, 2), "retried up to the limit");
        assertTrue(results.get(2).response().error());
        assertTrue(results.get(2).response().data().endsWith("(gave up after 4 attempts)"),
                results.get(2).response().data());
        assertEquals("{\"retryable\":true,\"attempts\":4,\"kind\":\"retryable\",\"status\":503}",
                results.get(2).response().metadata());
        assertTrue(results.get(1).response().metadata().contains("\"kind\":\"final\""),
                results.get(1).response().metadata());
    }

    @Test
    void unreadableAndTamperedRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        byte[] garbage = ("not a message " + unique("x")).getBytes(StandardCharsets.UTF_8);
        WorkMessage valid = single(demo("/api/text/upper", text(unique("after-dlq"))));
        WorkMessage other = single(demo("/api/text/upper", text(unique("other"))));
        WorkMessage tampered = valid.withHash(other.hash());

        system.produceRaw(Topics.WORK, "garbage-key", garbage, null);
        system.produce(Topics.WORK, other.hash(), tampered, WireFormat.JSON);
        system.produce(Topics.WORK, valid.hash(), valid, WireFormat.JSON);

        awaitOne(valid.hash());
        await().atMost(WAIT).until(() -> deadLetter(garbage) != null && deadLetterWithKey(other.hash()) != null);
        ConsumerRecord<String, byte[]> unreadable = deadLetter(garbage);
        assertEquals("garbage-key", unreadable.key());
        assertTrue(header(unreadable, WorkchainHeaders.DLQ_REASON).startsWith("is neither JSON nor protobuf"));
        ConsumerRecord<String, byte[]> wrongHash = deadLetterWithKey(other.hash());
        assertArrayEquals(MessageCodec.toJson(tampered), wrongHash.value(), "original bytes untouched");
        assertTrue(header(wrongHash, WorkchainHeaders.DLQ_REASON).startsWith("hash does not match the items"));
        assertFalse(system.notifications.byKey(other.hash()).size() > 0, "the tampered chain was not run");
    }

    /**
     * Issue 20, item 5: the chain travels only to the routes that receive it whole, each in its
     * format (asked for by the gateway, then sent); the others get their payload.
     */
    @Test
    void routesThatReceiveTheWholeWorkMessageGetItInTheirFormat() {
        try (RecordingHttpServer target = RecordingHttpServer.startOn(system.chainTargetPort)) {
            String word = unique("chain");
            WorkMessage work = WorkMessage.builder()
                    .item(0, demo("/api/text/upper", text(word)))
                    .item(1, Request.http("chain-json", "/a", "POST", "{}"))
                    .item(1, Request.http("chain-proto", "/b", "POST", "{}"))
                    .build();

            system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);

            List<ResultItem> results = awaitCount(work.hash(), 3);
            assertTrue(results.stream().allMatch(r -> r.response().ok()), results.toString());
            RecordingHttpServer.Call asJson = callTo(target, "/json/a");
            RecordingHttpServer.Call asProtobuf = callTo(target, "/proto/b");
            assertEquals(2, target.calls().size(),
                    "each called once: asking for the chain sends nothing to the target");
            assertEquals(WireFormat.JSON.contentType(), asJson.header("Content-Type"));
            WorkMessage chain = MessageCodec.decode(asJson.bodyBytes(), WireFormat.JSON.contentType(),
                    WorkMessage.class);
            assertEquals(3, chain.items().size());
            assertEquals("{\"text\":\"" + word.toUpperCase(Locale.ROOT) + "\"}", chain.items().get(0).response().data(),
                    "with the responses so far");
            assertEquals(WireFormat.PROTOBUF.contentType(), asProtobuf.header("Content-Type"));
            assertEquals(chain,
                    MessageCodec.decode(asProtobuf.bodyBytes(), WireFormat.PROTOBUF.contentType(), WorkMessage.class));
        }
    }

    /**
     * Issue 20, item 5: a chain of 95 items of about 9 KB each (about 855 KB) was sent whole with
     * every item and went over the gateway's gRPC message size; its payload routes now get their
     * payload only, so every item is called.
     */
    @Test
    void aLargeChainIsDispatchedWithoutItsChain() {
        String filler = "x".repeat(9_000);
        WorkMessage.Builder builder = WorkMessage.builder();
        for (int i = 0; i < 95; i++) {
            builder.item(0, demo("/api/text/count", text(filler + i)));
        }
        WorkMessage work = builder.build();
        int size = MessageCodec.toJson(work).length;
        assertTrue(size > 850_000 && size < 1_000_000, "about 855 KB: " + size);

        system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);

        List<ResultItem> results = awaitCount(work.hash(), 95);
        assertTrue(results.stream().allMatch(r -> r.response().ok()),
                results.stream().filter(r -> !r.response().ok()).findFirst().map(ResultItem::toString).orElse(""));
    }

    /**
     * Issue 19, case 13: an invocation over the gateway's gRPC message size (here a route that
     * receives the whole work message of an 855 KB chain) was taken for an outage and held to its
     * deadline; it fails at once, TOO_LARGE, and the chain's other items are called.
     */
    @Test
    void aChainTooLargeForItsRouteFailsThatItemAtOnce() {
        String filler = "y".repeat(9_000);
        WorkMessage.Builder builder = WorkMessage.builder();
        for (int i = 0; i < 94; i++) {
            builder.item(0, demo("/api/text/count", text(filler + i)));
        }
        WorkMessage work = builder.item(0, Request.http("chain-json", "/big", "POST", "{}")).build();

        system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);

        List<ResultItem> results = awaitCount(work.hash(), 95);
        ResultItem tooLarge = results.stream().filter(r -> r.index() == 94).findFirst().orElseThrow();
        assertTrue(tooLarge.response().error());
        assertTrue(tooLarge.response().metadata().contains("\"kind\":\"too_large\""), tooLarge.response().metadata());
        assertEquals(94, results.stream().filter(r -> r.response().ok()).count());
    }

    @Test
    void inFlightLimitHoldsWithASlowService() {
        String word = unique("slow");
        WorkMessage.Builder builder = WorkMessage.builder();
        for (int i = 0; i < 8; i++) {
            builder.item(0, demo("/api/faults/slow?ms=400", text(word + i)));
        }
        WorkMessage work = builder.build();
        system.delete(system.demo, "/api/calls");

        system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);

        awaitCount(work.hash(), 8);
        // This chain's own calls, as the demo service timed them: whatever other tests left running
        // there (a slow call of a chain that ended otherwise) does not count against this ESB's limit.
        JsonNode calls = system.getJson(system.demo, "/api/calls?hash=" + work.hash());
        assertEquals(WorkchainSystem.MAX_IN_FLIGHT, maxOverlap(calls),
                "8 parallel items, limit " + WorkchainSystem.MAX_IN_FLIGHT
                        + ": " + calls);
    }

    /** The most calls open at once: a call's end and another's start in the same millisecond do not overlap. */
    private static int maxOverlap(JsonNode calls) {
        List<long[]> events = new ArrayList<>();
        calls.forEach(call -> {
            events.add(new long[]{call.path("startedAt").asLong(), 1});
            events.add(new long[]{call.path("endedAt").asLong(), -1});
        });
        events.sort(Comparator.<long[]>comparingLong(event -> event[0]).thenComparingLong(event -> event[1]));
        int open = 0;
        int max = 0;
        for (long[] event : events) {
            open += (int) event[1];
            max = Math.max(max, open);
        }
        return max;
    }

    private static RecordingHttpServer.Call callTo(RecordingHttpServer target, String path) {
        return target.calls().stream().filter(c -> c.path().equals(path)).findFirst().orElseThrow();
    }

    private static long callsTo(JsonNode calls, int index) {
        long count = 0;
        for (JsonNode call : calls) {
            if (call.get("index").asInt() == index) {
                count++;
            }
        }
        return count;
    }

    private static ConsumerRecord<String, byte[]> deadLetter(byte[] value) {
        return system.deadLetters.all().stream().filter(r -> java.util.Arrays.equals(r.value(), value)).findFirst()
                .orElse(null);
    }

    private static ConsumerRecord<String, byte[]> deadLetterWithKey(String key) {
        return system.deadLetters.byKey(key).stream().findFirst().orElse(null);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static ResultItem awaitOne(String hash) {
        return awaitCount(hash, 1).get(0);
    }

    private static List<ResultItem> awaitCount(String hash, int count) {
        await().atMost(WAIT).until(() -> notified(system.notifications.byKey(hash)).size() >= count);
        return notified(system.notifications.byKey(hash));
    }
}
