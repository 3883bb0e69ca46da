package io.workchain.e2e;

import io.workchain.common.Topics;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.limits.Reasons;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.message.WorkchainMessage;
import io.workchain.testing.ServiceProcess;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static io.workchain.e2e.Chains.demo;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No record, outage or forged message can stop, fail or falsify chains: against the real services
 * and broker, nothing mocked.
 */
class ReliabilityIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private final WorkchainSystem system = WorkchainSystem.get();
    /** What the fuzz test produced where, to name a record that was not accounted for. */
    private final java.util.Map<String, String> produced = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void responsesInASubmissionAreIgnoredAndTheServiceIsCalled() {
        String word = unique("forged");
        WorkMessage work = Chains.single(demo("/api/text/upper", text(word)));
        WorkMessage forged = work.withResponse(0, Response.success("FORGED", null));
        system.produce(Topics.WORK, work.hash(), forged, WireFormat.JSON);

        CompletionMessage completion = awaitCompletion(work.hash());
        assertEquals(ChainStatus.COMPLETED, completion.status());
        assertEquals(text(word.toUpperCase(Locale.ROOT)), completion.items().get(0).response().data(),
                "the service's answer, not the forged one");
        assertEquals(1, system.getJson(system.demo, "/api/calls?hash=" + work.hash()).size(), "the service was called");
    }

    @Test
    void aNotificationForAStepNeverDispatchedIsRefused() {
        String word = unique("undispatched");
        WorkMessage work = WorkMessage.builder()
                .item(0, demo("/api/faults/slow?ms=2000", text(word)))
                .item(1, demo("/api/text/upper", text(word)))
                .build();
        system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);
        String origin = system.produceAt(Topics.NOTIFICATION, work.hash(), MessageCodec.toJson(
                NotificationMessage.of(work.hash(), 1, 1, Response.success("FORGED", null))), null);

        await().atMost(WAIT).until(() -> deadLetterFrom(origin) != null);
        assertTrue(header(deadLetterFrom(origin), WorkchainHeaders.DLQ_REASON).contains("has not been dispatched"));
        CompletionMessage completion = awaitCompletion(work.hash());
        assertEquals(ChainStatus.COMPLETED, completion.status());
        assertEquals(text(word.toUpperCase(Locale.ROOT)), completion.items().get(1).response().data());
    }

    @Test
    void aHugePlaceholderNumberFailsItsItemAndTheStreamGoesOn() {
        String word = unique("placeholder");
        WorkMessage bad = WorkMessage.builder()
                .item(0, demo("/api/text/upper", text(word)))
                .item(1, demo("/api/text/upper", "{\"text\":\"{{item:99999999999}}\"}"))
                .build();
        WorkMessage good = Chains.single(demo("/api/text/reverse", text(word)));
        system.produce(Topics.WORK, bad.hash(), bad, WireFormat.JSON);
        system.produce(Topics.WORK, good.hash(), good, WireFormat.JSON);

        CompletionMessage failed = awaitCompletion(bad.hash());
        assertEquals(ChainStatus.FAILED, failed.status());
        assertTrue(failed.error().contains("names a number too large"), failed.error());
        assertEquals(ChainStatus.COMPLETED, awaitCompletion(good.hash()).status());
        assertEquals(200, system.getStatus(system.esb, "/q/health/live"));
    }

    @Test
    void aGatewayOutageIsWaitedOutAndNoChainFails() {
        List<WorkMessage> chains = new ArrayList<>();
        system.gateway.kill();
        try {
            for (int i = 0; i < 10; i++) {
                String word = unique("outage");
                WorkMessage work = WorkMessage.builder()
                        .item(0, demo("/api/text/upper", text(word)))
                        .item(1, demo("/api/text/reverse", "{\"text\":\"{{order:0/text}}\"}"))
                        .build();
                chains.add(work);
                system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);
            }
            ServiceProcess.sleep(5000); // longer than every retry the ESB would once have made
        } finally {
            system.gateway.start();
        }
        for (WorkMessage work : chains) {
            CompletionMessage completion = awaitCompletion(work.hash());
            assertEquals(ChainStatus.COMPLETED, completion.status(), () -> String.valueOf(completion.error()));
        }
    }

    /**
     * Thousands of hostile records (random bytes, mutated valid messages, huge numbers, oversized
     * strings, deep nesting, unknown hashes, out-of-range and undispatched items), generated by
     * jqwik from a fixed seed, interleaved with valid chains: every valid chain completes, every
     * service stays live, and every bad record is accounted for (a dead letter naming it, or a
     * FAILED completion of its chain). A jqwik example (not a JUnit test): jqwik's generators run
     * only inside its own engine.
     */
    @Example
    void fuzzedRecordsNeverStopAConsumerAndAreAllAccountedFor() {
        Random random = new Random(20261129L);
        List<String> deadLetterOrigins = new ArrayList<>();
        List<String> unknownHashes = new ArrayList<>();
        Set<String> failedChains = new HashSet<>();
        Set<String> anyEndChains = new HashSet<>();
        List<WorkMessage> valid = new ArrayList<>();
        String running = unique("fuzz-running");
        WorkMessage slow = WorkMessage.builder()
                .item(0, demo("/api/faults/slow?ms=4000", text(running)))
                .item(1, demo("/api/text/upper", text(running)))
                .build();
        system.produce(Topics.WORK, slow.hash(), slow, WireFormat.JSON);
        valid.add(slow);
        // A chain whose step 1 fails: its step 2 is never dispatched, so answers to it are always forged.
        WorkMessage doomed = WorkMessage.builder()
                .item(0, demo("/api/faults/slow?ms=3000", text(running)))
                .item(1, demo("/api/faults/status/404", text(running)))
                .item(2, demo("/api/text/upper", text(running)))
                .build();
        system.produce(Topics.WORK, doomed.hash(), doomed, WireFormat.JSON);
        failedChains.add(doomed.hash());

        List<byte[]> garbage = sample(Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300), 600, random);
        List<String> mutated = sample(mutations(), 600, random);
        for (int i = 0; i < 600; i++) {
            // Random bytes to both topics: unreadable, so dead-lettered where they were read.
            String topic = i % 2 == 0 ? Topics.WORK : Topics.NOTIFICATION;
            expect(topic, "k" + i, garbage.get(i), deadLetterOrigins, anyEndChains);
            // A mutated valid work message: dead-lettered if unreadable, else it runs to some end.
            expect(Topics.WORK, null, mutated.get(i).getBytes(StandardCharsets.UTF_8), deadLetterOrigins, anyEndChains);
            if (i % 20 == 0) {
                String hash = String.format("%032x", new java.math.BigInteger(128, random));
                unknownHashes.add(hash);
                system.produceRaw(Topics.NOTIFICATION, hash, MessageCodec.toJson(
                        NotificationMessage.of(hash, 0, 0, Response.success("who am I", null))), null);
                // Items the chain does not have, and a step it never dispatches (while it runs and after).
                deadLetterOrigins.add(system.produceAt(Topics.NOTIFICATION, doomed.hash(), MessageCodec.toJson(
                        NotificationMessage.of(doomed.hash(), 0, 7 + random.nextInt(1000),
                                Response.success("x", null))),
                        null));
                deadLetterOrigins.add(system.produceAt(Topics.NOTIFICATION, doomed.hash(), MessageCodec.toJson(
                        NotificationMessage.of(doomed.hash(), 2, 2, Response.success("FORGED", null))), null));
            }
            if (i % 50 == 0) {
                String word = unique("fuzz-valid");
                WorkMessage work = WorkMessage.builder()
                        .item(0, demo("/api/text/upper", text(word)))
                        .item(1, demo("/api/text/reverse", "{\"text\":\"{{order:0/text}}\"}"))
                        .build();
                system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);
                valid.add(work);
                WorkMessage hostile = WorkMessage.builder()
                        .item(0, demo("/api/text/upper", text(word)))
                        .item(1, demo("/api/text/upper",
                                "{\"text\":\"{{item:" + "9".repeat(12 + random.nextInt(50)) + "}}\"}"))
                        .build();
                system.produce(Topics.WORK, hostile.hash(), hostile, WireFormat.JSON);
                failedChains.add(hostile.hash());
            }
        }
        String deep = "{\"work_message\":{\"items\":" + "[".repeat(5000) + "]".repeat(5000) + "}}";
        deadLetterOrigins.add(system.produceAt(Topics.WORK, "deep", deep.getBytes(StandardCharsets.UTF_8), null));
        String oversized = MessageCodec.toJsonString(WorkMessage.builder()
                .item(0, demo("/api/text/upper", text(unique("big")))).build())
                .replace("\"/api/text/upper\"", "\"/" + "x".repeat(70_000) + "\"");
        deadLetterOrigins.add(system.produceAt(Topics.WORK, "big", oversized.getBytes(StandardCharsets.UTF_8), null));

        for (WorkMessage work : valid) {
            assertEquals(ChainStatus.COMPLETED, awaitCompletion(work.hash()).status(), "a valid chain among the fuzz");
        }
        for (String hash : failedChains) {
            assertEquals(ChainStatus.FAILED, awaitCompletion(hash).status());
        }
        try {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> deadLetterOrigins().containsAll(deadLetterOrigins));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Set<String> seen = deadLetterOrigins();
            List<String> missing = deadLetterOrigins.stream().filter(o -> !seen.contains(o)).toList();
            throw new AssertionError(
                    missing.size() + " of " + deadLetterOrigins.size() + " bad records have no dead letter, e.g. "
                            + missing.stream().limit(10).map(o -> o + " " + produced.get(o)).toList());
        }
        for (String hash : anyEndChains) {
            await().atMost(WAIT).until(() -> !system.completions.byKey(hash).isEmpty());
        }
        await().atMost(Duration.ofSeconds(WorkchainSystem.EARLY_TTL_SECONDS + 60))
                .until(() -> unknownHashes.stream().allMatch(hash -> system.deadLetters.byKey(hash).stream()
                        .anyMatch(r -> header(r, WorkchainHeaders.DLQ_REASON).startsWith("no work message came"))));
        for (ServiceProcess service : List.of(system.esb, system.notifier, system.gateway, system.demo)) {
            assertEquals(200, system.getStatus(service, "/q/health/live"), service + " is live");
        }
        System.out.printf("fuzz: %d dead letters accounted for, %d hostile chains FAILED, %d mutated chains ended, "
                + "%d unknown hashes expired, %d valid chains COMPLETED%n", deadLetterOrigins.size(),
                failedChains.size(), anyEndChains.size(), unknownHashes.size(), valid.size());
    }

    /** Produces a record and notes what must come of it, judged by reading it as the services will. */
    private void expect(String topic, String key, byte[] value, List<String> deadLetterOrigins, Set<String> anyEnd) {
        WorkchainMessage message = null;
        try {
            message = MessageCodec.decode(value, null);
            if (message instanceof WorkMessage work) {
                message = ChainHash.ensure(work);
            }
        } catch (RuntimeException unreadable) {
            // expected: a dead letter
        }
        String origin = system.produceAt(topic, key, value, null);
        produced.put(origin, "key=" + key + " value=" + Reasons.bounded(
                new String(value, StandardCharsets.UTF_8), 300));
        boolean rightKind = message != null && (topic.equals(Topics.WORK)
                ? message instanceof WorkMessage
                : message instanceof NotificationMessage);
        if (!rightKind) {
            deadLetterOrigins.add(origin);
        } else if (message instanceof WorkMessage work) {
            anyEnd.add(work.hash());
        }
    }

    /** A valid chain's text with characters inserted, replaced or cut, and numbers blown up. */
    private static Arbitrary<String> mutations() {
        String valid = MessageCodec.toJsonString(WorkMessage.builder()
                .item(0, demo("/api/text/upper", text("fuzz")))
                .item(1, Request.http("demo", "/api/text/count", "POST", "{\"text\":\"{{order:0/text}}\"}"))
                .build().withHash(null));
        Arbitrary<Integer> at = Arbitraries.integers().between(0, valid.length() - 1);
        Arbitrary<String> junk = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(6),
                Arbitraries.of("99999999999999999999", "-1", "1e400", "null", "[]", "{}", ",", "\"\"",
                        "{{item:99999999999}}", "2147483648", "x".repeat(70_000)));
        return at.flatMap(position -> junk.map(j -> valid.substring(0, position) + j + valid.substring(position)));
    }

    /** jqwik's generators, driven by our own seeded Random: the same records on every run. */
    private static <T> List<T> sample(Arbitrary<T> arbitrary, int count, Random random) {
        var generator = arbitrary.generator(1000);
        List<T> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(generator.next(random).value());
        }
        return values;
    }

    private Set<String> deadLetterOrigins() {
        Set<String> origins = new HashSet<>();
        system.deadLetters.all().forEach(r -> {
            origins.add(header(r, WorkchainHeaders.DLQ_ORIGIN));
            // A refused record whose hash is known but that sat off its chain's partition is dead-lettered
            // from the notifier's copy in place, which names the client's record.
            if (r.headers().lastHeader(WorkchainHeaders.PLACED_FROM) != null) {
                origins.add(header(r, WorkchainHeaders.PLACED_FROM));
            }
        });
        return origins;
    }

    private ConsumerRecord<String, byte[]> deadLetterFrom(String origin) {
        return system.deadLetters.all().stream()
                .filter(r -> origin.equals(header(r, WorkchainHeaders.DLQ_ORIGIN))).findFirst().orElse(null);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private CompletionMessage awaitCompletion(String hash) {
        await().atMost(WAIT).until(() -> !system.completions.byKey(hash).isEmpty());
        List<CompletionMessage> completions = Chains.completions(system.completions.byKey(hash));
        assertEquals(1, completions.size(), "exactly one completion for " + hash);
        assertFalse(completions.get(0).items().isEmpty());
        return completions.get(0);
    }
}
