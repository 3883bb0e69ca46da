package io.workchain.e2e;

import io.workchain.common.Topics;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.trace.ChainTrace;
import io.workchain.testing.KafkaTestClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static io.workchain.e2e.Chains.demo;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace per chain, as a collector receives it from the running services (OTLP/HTTP into
 * {@link OtlpReceiver}): a two-step chain submitted with the client's traceparent; every span of
 * the chain (the notifier's folds, its admission first, the ESB's steps, the gateway's calls, the
 * demo service's requests) has the client's trace id, and each hop is the child of the one before it.
 */
class TracingIT {

    @Test
    void aTwoStepChainIsOneTraceWithEveryHopAChildOfTheOneBefore() throws Exception {
        WorkchainSystem system = WorkchainSystem.get();
        HexFormat hex = HexFormat.of();
        byte[] traceBytes = new byte[16];
        byte[] spanBytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(traceBytes);
        ThreadLocalRandom.current().nextBytes(spanBytes);
        String traceId = hex.formatHex(traceBytes);
        String clientSpan = hex.formatHex(spanBytes);
        // Step 0 has two items (a fan-in), step 1 one.
        WorkMessage work = WorkMessage.builder()
                .item(0, demo("/api/text/upper", text(unique("traced"))))
                .item(0, demo("/api/text/reverse", text(unique("traced"))))
                .item(1, demo("/api/text/count", text("{{item:0/text}}")))
                .build();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.WORK, work.hash(),
                MessageCodec.toJson(work));
        record.headers().add(WorkchainHeaders.contentType(WireFormat.JSON));
        record.headers().add(CallHeaders.TRACEPARENT,
                ("00-" + traceId + "-" + clientSpan + "-01").getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(system.broker.bootstrapServers())) {
            producer.send(record).get();
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> !system.completions.byKey(work.hash()).isEmpty());
        String completionTraceparent = WorkchainHeaders.text(system.completions.byKey(work.hash()).get(0).headers(),
                CallHeaders.TRACEPARENT);
        assertTrue(completionTraceparent != null && completionTraceparent.contains(traceId),
                "the completion carries the chain's trace: " + completionTraceparent + " client " + traceId + "/"
                        + clientSpan + "\n"
                        + system.traces.spans().stream()
                                .filter(span -> work.hash().equals(span.attributes().get(ChainTrace.HASH_ATTRIBUTE))
                                        || span.traceId().equals(traceId))
                                .map(Object::toString).collect(Collectors.joining("\n")));

        // Spans leave the services in batches: wait for the whole chain's.
        await().atMost(Duration.ofSeconds(30)).until(() -> named(system, traceId, "esb step").size() == 2
                && named(system, traceId, "esb item").size() == 3
                && named(system, traceId, "gateway call").size() == 3
                && named(system, traceId, "notifier fold").size() >= 4
                && requests(system, traceId).size() >= 3);

        List<OtlpReceiver.ReceivedSpan> ofTheChain = system.traces.spans().stream()
                .filter(span -> work.hash().equals(span.attributes().get(ChainTrace.HASH_ATTRIBUTE))).toList();
        assertTrue(ofTheChain.size() >= 7, "the chain's spans: " + ofTheChain);
        assertEquals(Set.of(traceId),
                ofTheChain.stream().map(OtlpReceiver.ReceivedSpan::traceId).collect(Collectors.toSet()),
                "one trace id for the whole chain");

        Set<String> esbSteps = ids(named(system, traceId, "esb step"));
        Set<String> esbItems = ids(named(system, traceId, "esb item"));
        Set<String> gatewayCalls = ids(named(system, traceId, "gateway call"));
        Set<String> folds = ids(named(system, traceId, "notifier fold"));
        List<OtlpReceiver.ReceivedSpan> steps = named(system, traceId, "esb step");
        assertEquals(1,
                named(system, traceId, "notifier fold").stream().filter(fold -> fold.parentSpanId().equals(clientSpan))
                        .count(),
                "the notifier's admission of the chain is the client's child");
        steps.forEach(step -> assertTrue(folds.contains(step.parentSpanId()),
                "each step, the first included, is a child of the notifier's fold that forwarded it: " + step));
        named(system, traceId, "esb item").forEach(item -> assertTrue(esbSteps.contains(item.parentSpanId()),
                "an item is a child of its ESB step: " + item));
        named(system, traceId, "gateway call").forEach(call -> assertTrue(esbItems.contains(call.parentSpanId()),
                "a gateway call is a child of its ESB item: " + call));
        requests(system, traceId).forEach(request -> assertTrue(gatewayCalls.contains(request.parentSpanId()),
                "the service's request is a child of a gateway call: " + request));
        long foldsOfAnswers = named(system, traceId, "notifier fold").stream()
                .filter(fold -> esbItems.contains(fold.parentSpanId())).count();
        assertEquals(3, foldsOfAnswers, "each item's answer is folded as a child of its ESB item");
        List<OtlpReceiver.ReceivedSpan> fanIns = named(system, traceId, "notifier fold").stream()
                .filter(fold -> !fold.linkedSpanIds().isEmpty()).toList();
        assertEquals(1, fanIns.size(), "the fold that ends the two-item step links its items: " + fanIns);
        assertEquals(2, fanIns.get(0).linkedSpanIds().size());
        assertTrue(esbItems.containsAll(fanIns.get(0).linkedSpanIds()), "links to the step's two items");

        // Log lines carry the trace and span they were written in.
        Path log = Path.of(System.getProperty("workchain.logs", "target/e2e-logs"), "notifier.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readAllLines(log).stream()
                .anyMatch(line -> line.contains(work.hash() + ": chain COMPLETED") && line.contains(traceId)));
    }

    private static List<OtlpReceiver.ReceivedSpan> named(WorkchainSystem system, String traceId, String prefix) {
        return system.traces.spans().stream()
                .filter(span -> span.traceId().equals(traceId) && span.name().startsWith(prefix)).toList();
    }

    /** The demo service's request spans (the ESB's own HTTP/2 client spans to the gateway are named POST too). */
    private static List<OtlpReceiver.ReceivedSpan> requests(WorkchainSystem system, String traceId) {
        return named(system, traceId, "POST").stream().filter(span -> span.service().equals("workchain-demo-service"))
                .toList();
    }

    private static Set<String> ids(List<OtlpReceiver.ReceivedSpan> spans) {
        return spans.stream().map(OtlpReceiver.ReceivedSpan::spanId).collect(Collectors.toSet());
    }
}
