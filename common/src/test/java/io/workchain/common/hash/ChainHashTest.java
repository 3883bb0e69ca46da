package io.workchain.common.hash;

import io.workchain.common.Samples;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.TamperedHashException;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainHashTest {

    @Test
    void publishedVectorOne() {
        // docs/hash.md, vector 1: one item, no payload.
        WorkMessage work = WorkMessage.builder().item(0, Request.http("demo", "/api/text/count", "GET", null)).build();
        assertEquals(
                "[{\"order\":0,\"request\":{\"endpoint\":\"/api/text/count\",\"method\":\"GET\",\"type\":\"HTTP\",\"url\":\"demo\"}}]",
                ChainHash.canonicalForm(work.items()));
        assertEquals("4e753d52b4d53d42f2a19fa9a7297e23", work.hash());
    }

    @Test
    void publishedVectorTwo() {
        // docs/hash.md, vector 2: the specification's example chain (two steps, JSON payloads).
        WorkMessage work = MessageCodec.decode(Samples.resource("examples/work_message.json"), null, WorkMessage.class);
        assertEquals(
                "[{\"order\":0,\"request\":{\"endpoint\":\"/api/text/upper\",\"method\":\"POST\",\"payload\":\"{\\\"text\\\":\\\"hello\\\"}\",\"type\":\"HTTP\",\"url\":\"http://demo-service:8080\"}},"
                        + "{\"order\":1,\"request\":{\"endpoint\":\"/api/text/count\",\"method\":\"POST\",\"payload\":\"{\\\"text\\\":\\\"hello world\\\"}\",\"type\":\"HTTP\",\"url\":\"http://demo-service:8080\"}}]",
                ChainHash.canonicalForm(work.items()));
        assertEquals("3dd453dbc080e8ab3687c8ae74b6dbe1", ChainHash.of(work.items()));
    }

    @Test
    void publishedVectorThree() {
        // docs/hash.md, vector 3: non-ASCII and control characters in a payload (RFC 8785 escaping).
        WorkMessage work = WorkMessage.builder()
                .item(0, Request.http("demo", "/api/text/upper", "post", "{\"text\":\"h\u00e9llo\u20ac\t\u0001\"}"))
                .build();
        assertEquals(
                "[{\"order\":0,\"request\":{\"endpoint\":\"/api/text/upper\",\"method\":\"POST\",\"payload\":\"{\\\"text\\\":\\\"h\u00e9llo\u20ac\\t\\u0001\\\"}\",\"type\":\"HTTP\",\"url\":\"demo\"}}]",
                ChainHash.canonicalForm(work.items()));
        assertEquals("7db372c7aee240a802d9b8aa97f73417", work.hash());
    }

    @Test
    void publishedVectorFour() {
        // docs/hash.md, vector 4: the specification's types, HTTPS and AMQP (read in any case).
        String text = "{\"work_message\": {\"items\": ["
                + "{\"order\": 0, \"request\": {\"url\": \"https://127.0.0.1:8443\", \"endpoint\": \"/demo/api/text/upper\", \"type\": \"HTTPS\", \"method\": \"POST\", \"payload\": \"{\\\"text\\\":\\\"hello\\\"}\"}},"
                + "{\"order\": 1, \"request\": {\"url\": \"amqp://guest:guest@127.0.0.1:5672\", \"endpoint\": \"completion-queue\", \"type\": \"amqp\", \"method\": \"publish\", \"payload\": \"{\\\"text\\\":\\\"hello\\\"}\"}}]}}";
        WorkMessage work = MessageCodec.decode(text.getBytes(StandardCharsets.UTF_8), null, WorkMessage.class);
        assertEquals("c3016c1d21068284e884cc0d1e7c18aa", ChainHash.of(work.items()));
    }

    @Test
    void publishedVectorFive() {
        // docs/hash.md, vector 5: a KAFKA publish through a route.
        WorkMessage work = WorkMessage.builder().item(0, Request.kafka("events", "workchain.audit", "{\"audit\":true}"))
                .build();
        assertEquals("fe7fdaf745d09928f9ba8349f5d9c57d", work.hash());
    }

    @Test
    void publishedVectorSix() {
        // docs/hash.md, vector 6: vector 1 under the run id "second", hashed as an object.
        WorkMessage work = WorkMessage.builder().item(0, Request.http("demo", "/api/text/count", "GET", null))
                .runId("second").build();
        assertEquals(
                "{\"items\":[{\"order\":0,\"request\":{\"endpoint\":\"/api/text/count\",\"method\":\"GET\",\"type\":\"HTTP\",\"url\":\"demo\"}}],\"run_id\":\"second\"}",
                ChainHash.canonicalForm(work.items(), work.runId()));
        assertEquals("b4c21e59518ec95f3ab6486cb834ba76", work.hash());
    }

    @Test
    void withoutARunIdTheHashIsTheItemsOwn() {
        WorkMessage work = Samples.work();
        assertEquals(ChainHash.of(work.items()), ChainHash.of(work.items(), null));
        assertEquals(ChainHash.of(work.items()), ChainHash.of(work));
        assertEquals(ChainHash.canonicalForm(work.items()), ChainHash.canonicalForm(work.items(), null));
        assertTrue(ChainHash.canonicalForm(work.items()).startsWith("["));
    }

    @Test
    void aRunIdMakesAnotherChainAndEachRunIdItsOwn() {
        WorkMessage first = Samples.work();
        WorkMessage second = ChainHash.ensure(first.withRunId("second"));
        WorkMessage third = ChainHash.ensure(first.withRunId("third"));
        assertNotEquals(first.hash(), second.hash());
        assertNotEquals(second.hash(), third.hash());
        assertEquals(second.hash(), ChainHash.ensure(first.withRunId("second")).hash(),
                "the same run sent again is one chain");
        assertEquals(first.hash(), ChainHash.ensure(second.withRunId(null)).hash(), "no run id: the first chain again");
        // An object where an items-only form is an array: no run id can make a text that some items give.
        assertTrue(ChainHash.canonicalForm(first.items(), "second").startsWith("{\"items\":["));
        assertTrue(ChainHash.canonicalForm(first.items(), "second").endsWith("],\"run_id\":\"second\"}"));
    }

    @Test
    void aHashOfTheItemsAloneDoesNotMatchARun() {
        WorkMessage run = Samples.work().withRunId("second").withHash(Samples.work().hash());
        assertFalse(ChainHash.matches(run));
        assertThrows(TamperedHashException.class, () -> ChainHash.ensure(run));
        assertTrue(ChainHash.matches(Samples.workRunAgain()));
    }

    @Test
    void aRunKeepsItsRunIdAndHashAsItRuns() {
        WorkMessage run = Samples.workRunAgain();
        WorkMessage answered = run.withResponse(0, Response.success("{}", null)).withTimeout(5_000L);
        assertEquals(run.runId(), answered.runId());
        assertEquals(run.hash(), answered.hash());
        assertEquals(run.hash(), ChainHash.of(answered));
        assertEquals(run.runId(), answered.withoutResponses().runId());
        assertEquals(run.runId(), answered.withHash(null).runId());
    }

    @Test
    void stableAcrossEncodings() {
        WorkMessage work = Samples.work();
        WorkMessage fromJson = MessageCodec.decode(MessageCodec.encode(work, WireFormat.JSON), null, WorkMessage.class);
        WorkMessage fromProto = MessageCodec.decode(MessageCodec.encode(work, WireFormat.PROTOBUF), null,
                WorkMessage.class);
        assertEquals(work.hash(), ChainHash.of(fromJson.items()));
        assertEquals(work.hash(), ChainHash.of(fromProto.items()));
    }

    @Test
    void stableAcrossFieldOrderAndWhitespace() {
        String ordered = "{\"work_message\":{\"items\":[{\"order\":0,\"request\":{\"url\":\"demo\",\"endpoint\":\"/api/text/count\",\"type\":\"HTTP\",\"method\":\"GET\"}}]}}";
        String shuffled = "{ \"work_message\" : { \"items\" : [ { \"request\" : { \"method\" : \"get\", \"type\" : \"HTTP\",\n"
                + " \"endpoint\" : \"/api/text/count\", \"url\" : \"demo\" }, \"order\" : 0 } ] } }";
        WorkMessage a = MessageCodec.decode(ordered.getBytes(StandardCharsets.UTF_8), null, WorkMessage.class);
        WorkMessage b = MessageCodec.decode(shuffled.getBytes(StandardCharsets.UTF_8), null, WorkMessage.class);
        assertEquals(ChainHash.of(a.items()), ChainHash.of(b.items()));
    }

    @Test
    void responsesDoNotChangeTheHash() {
        assertEquals(Samples.work().hash(), ChainHash.of(Samples.workInProgress().items()));
    }

    @Test
    void missingHashIsComputed() {
        WorkMessage work = Samples.work();
        WorkMessage withoutHash = work.withHash(null);
        assertEquals(work.hash(), ChainHash.ensure(withoutHash).hash());
        assertSame(work, ChainHash.ensure(work));
    }

    @Test
    void tamperedHashIsDetected() {
        WorkMessage work = Samples.work();
        String other = work.hash().startsWith("0") ? "1" + work.hash().substring(1) : "0" + work.hash().substring(1);
        WorkMessage tampered = work.withHash(other);
        assertFalse(ChainHash.matches(tampered));
        TamperedHashException error = assertThrows(TamperedHashException.class, () -> ChainHash.ensure(tampered));
        assertEquals("hash", error.field());
    }

    @Test
    void tamperedItemIsDetected() {
        WorkMessage work = Samples.work();
        List<WorkItem> items = new ArrayList<>(work.items());
        items.set(2, WorkItem.of(1, Request.http("http://169.254.169.254", "/latest/meta-data", "GET", null)));
        WorkMessage tampered = new WorkMessage(work.hash(), items);
        assertTrue(ChainHash.matches(work));
        assertFalse(ChainHash.matches(tampered));
        assertThrows(TamperedHashException.class, () -> ChainHash.ensure(tampered));
    }

    @Test
    void orderOfItemsMatters() {
        WorkMessage ab = WorkMessage.builder().item(0, Request.http("a", "/", "GET", null))
                .item(1, Request.http("b", "/", "GET", null)).build();
        WorkMessage ba = WorkMessage.builder().item(1, Request.http("b", "/", "GET", null))
                .item(0, Request.http("a", "/", "GET", null)).build();
        assertNotEquals(ab.hash(), ba.hash());
    }
}
