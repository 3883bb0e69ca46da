package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.workchain.common.Topics;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.kafka.ChainPlacement;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.RecordingHttpServer;
import io.workchain.testing.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.workchain.e2e.Chains.completions;
import static io.workchain.e2e.Chains.demo;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's hostile producers and broken targets, tried from outside against the packaged
 * services, with ordinary chains running beside them that must all complete: what one producer
 * sends never stalls, exhausts or speaks for anybody else. (Each case also has a fast test of its
 * own rule in its module; the table of docs/guarantees.md names both.)
 */
class AdversaryIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final WorkchainSystem system = WorkchainSystem.get();
    /** Where the records forging a running chain's hash went ("topic-partition@offset"). */
    private final List<String> forgedOrigins = new ArrayList<>();

    @Test
    void hostileRecordsAndBrokenTargetsLeaveEveryOtherChainCompleting() {
        List<WorkMessage> bystanders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            WorkMessage chain = WorkMessage.builder()
                    .item(0, demo("/api/text/upper", text(unique("bystander"))))
                    .item(1, demo("/api/text/count", text("{{order:0/text}} too"))).build();
            bystanders.add(chain);
        }
        bystanders.subList(0, 3).forEach(chain -> system.produce(Topics.WORK, chain.hash(), chain, WireFormat.JSON));

        String victim = aRefusalNeverAnswersForSomeoneElsesChain();
        // Case 6: a chain sent again while it runs (and again once it ended, below) calls nothing again.
        WorkMessage twice = WorkMessage.builder()
                .item(0, demo("/api/faults/slow?ms=1500", text(unique("twice"))))
                .item(1, demo("/api/text/upper", text("{{order:0/slept_ms}}"))).build();
        submit(twice);
        submit(twice);
        String amplified = submit(WorkMessage.builder()
                .item(0, demo("/api/text/upper", text("x".repeat(60_000) + unique(""))))
                .item(1, demo("/api/text/count", "{{item:0}}".repeat(6_000))).build());
        String internal = submit(WorkMessage.builder()
                .item(0, Request.kafka("events", Topics.NOTIFICATION, "{\"forged\":true}")).build());
        String dotted = submit(WorkMessage.builder()
                .item(0, Request.http(system.demo.baseUrl() + "/api/../q/metrics", "", "GET", null)).build());
        String nowhere = submit(WorkMessage.builder()
                .item(0, Request.http("nowhere", "/x", "POST", text(unique("nowhere")))).build());
        String secretOrigin = system.produceAt(Topics.WORK, "secret", ("{\"work_message\":{\"items\":[{\"order\":0,"
                + "\"request\":{\"url\":\"amqp://user:s3cret@rabbit.example:5672\",\"endpoint\":\"q\",\"type\":\"AMQP\"}}]}}")
                .getBytes(StandardCharsets.UTF_8), null);
        // Case 11: answers for a chain nobody sent, more than may be held for it.
        String unknown = WorkMessage.builder().item(0, demo("/api/text/upper", text(unique("never-sent")))).build()
                .hash();
        for (int i = 0; i < 110; i++) {
            system.produce(Topics.NOTIFICATION, unknown, NotificationMessage.of(unknown, i, i,
                    Response.success("{\"n\":" + i + "}", null)), WireFormat.JSON);
        }
        bystanders.subList(3, 6).forEach(chain -> system.produce(Topics.WORK, chain.hash(), chain, WireFormat.JSON));

        // Case 2: a payload naming 60 KB 6,000 times stops at the payload limit, with its reason.
        assertFailedSaying(amplified, "makes the payload longer than the limit of 65536 characters");
        // Case 4: no item publishes into Workchain's own topics.
        assertFailedSaying(internal, "is internal");
        // Case 7: a dot segment does not make an absolute URL its route's.
        assertFailedSaying(dotted, "path that is not plain");
        // Case 3: a target that has never answered fails after the grace, not at the deadline (1 h).
        assertFailedSaying(nowhere, "this target has never answered");
        // Case 10: the dead letter of a refused record keeps no password.
        await().atMost(WAIT).until(() -> deadLetterFrom(secretOrigin) != null);
        String kept = new String(deadLetterFrom(secretOrigin).value(), StandardCharsets.UTF_8);
        assertFalse(kept.contains("s3cret"), kept);
        assertTrue(kept.contains("amqp://***@rabbit.example:5672"), kept);

        await().atMost(WAIT).until(() -> system.deadLetters.byKey(unknown).size() >= 10);
        assertTrue(system.deadLetters.byKey(unknown).stream().allMatch(r -> header(r, WorkchainHeaders.DLQ_REASON)
                .contains("already holds 100 early notifications")), "past the bound, each kept with why");
        for (String origin : forgedOrigins) {
            await().atMost(WAIT).until(() -> deadLetterFrom(origin) != null); // kept, with why, not answered
            assertTrue(header(deadLetterFrom(origin), WorkchainHeaders.DLQ_REASON)
                    .startsWith("hash does not match the items"));
        }
        assertEquals(ChainStatus.COMPLETED, awaitCompletion(twice.hash()).status(), "the chain sent twice");
        submit(twice);
        CompletionMessage victimsOwn = awaitCompletion(victim);
        assertEquals(ChainStatus.COMPLETED, victimsOwn.status(), "the victim's own completion");
        for (WorkMessage chain : bystanders) {
            assertEquals(ChainStatus.COMPLETED, awaitCompletion(chain.hash()).status(), "a bystander");
        }
        ServiceProcess.sleep(1000);
        assertEquals(1, system.completions.byKey(victim).size(), "one completion for the victim, its own");
        assertEquals(1, system.completions.byKey(twice.hash()).size(), "one completion for the chain sent three times");
        JsonNode calls = system.getJson(system.demo, "/api/calls?hash=" + twice.hash());
        assertEquals(2, calls.size(), "each of its two items called once: " + calls);
        for (ServiceProcess service : List.of(system.esb, system.notifier, system.gateway)) {
            assertEquals(200, system.getStatus(service, "/q/health"), service + " is healthy");
        }
    }

    /**
     * Case 3: records whose target answered before and now refuses connections wait out the outage
     * (until their item's deadline), more of them than the ESB has record slots (32), and set
     * aside: chains sent after them complete while they still wait.
     */
    @Test
    void workWaitingOutAnOutageLeavesTheRecordSlotsToOtherChains() {
        try (RecordingHttpServer fading = RecordingHttpServer.startOn(system.fadingPort)) {
            String answered = submit(WorkMessage.builder()
                    .item(0, Request.http("fading", "/x", "POST", text(unique("fading")))).build());
            assertEquals(ChainStatus.COMPLETED, awaitCompletion(answered).status(), "the target answered once");
        }
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            waiting.add(submit(WorkMessage.builder().item(new WorkItem(0,
                    Request.http("fading", "/x", "POST", text(unique("waiting"))), null, 40_000L)).build()));
        }
        ServiceProcess.sleep(2_000); // every one of them taken up and waiting
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            after.add(submit(WorkMessage.builder().item(0, demo("/api/text/upper", text(unique("after")))).build()));
        }
        for (String hash : after) {
            assertEquals(ChainStatus.COMPLETED, awaitCompletion(hash).status(), "a chain sent after the waiting ones");
        }
        assertTrue(waiting.stream().allMatch(hash -> system.completions.byKey(hash).isEmpty()),
                "the waiting chains still wait: an outage is not a failure");
        for (String hash : waiting) {
            CompletionMessage completion = awaitCompletion(hash);
            assertEquals(ChainStatus.FAILED, completion.status());
        }
        assertEquals(200, system.getStatus(system.esb, "/q/health/ready"), "ready throughout: nothing stalled");
    }

    /**
     * Case 1: a record claiming a running chain's hash with other items, keyed otherwise or keyed
     * by the hash on another partition, never gets a FAILED completion under the victim's hash.
     * Returns the victim's hash.
     */
    private String aRefusalNeverAnswersForSomeoneElsesChain() {
        WorkMessage victim = WorkMessage.builder()
                .item(0, demo("/api/faults/slow?ms=3000", text(unique("victim")))).build();
        system.produce(Topics.WORK, victim.hash(), victim, WireFormat.JSON);
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> system.getJson(system.notifier, "/chains/" + victim.hash()).path("status")
                        .asText().equals("RUNNING"));
        byte[] forged = MessageCodec.toJsonString(victim).replace("/api/faults/slow", "/api/text/upper")
                .getBytes(StandardCharsets.UTF_8);
        forgedOrigins.add(system.produceAt(Topics.WORK, "attacker-key", forged, null));
        int elsewhere = (ChainPlacement.partitionOf(victim.hash(), WorkchainSystem.PARTITIONS) + 1)
                % WorkchainSystem.PARTITIONS;
        forgedOrigins.add(system.produceTo(new ProducerRecord<>(Topics.WORK, elsewhere, victim.hash(), forged)));
        return victim.hash();
    }

    private String submit(WorkMessage chain) {
        system.produce(Topics.WORK, chain.hash(), chain, WireFormat.JSON);
        return chain.hash();
    }

    private void assertFailedSaying(String hash, String reason) {
        CompletionMessage completion = awaitCompletion(hash);
        assertEquals(ChainStatus.FAILED, completion.status(), completion::toString);
        assertTrue(completion.error().contains(reason), completion.error());
    }

    private CompletionMessage awaitCompletion(String hash) {
        await().atMost(WAIT).until(() -> !system.completions.byKey(hash).isEmpty());
        return completions(system.completions.byKey(hash)).get(0);
    }

    private ConsumerRecord<String, byte[]> deadLetterFrom(String origin) {
        return system.deadLetters.all().stream().filter(r -> origin.equals(header(r, WorkchainHeaders.DLQ_ORIGIN))
                || origin.equals(header(r, WorkchainHeaders.PLACED_FROM))).findFirst().orElse(null);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
