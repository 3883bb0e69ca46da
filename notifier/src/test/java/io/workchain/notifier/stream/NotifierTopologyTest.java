package io.workchain.notifier.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.workchain.common.DeadLetterHeaders;
import io.workchain.common.Topics;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.cloudevents.CloudEventHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.RefusedWork;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;
import io.workchain.notifier.config.NotifierConfig;
import io.workchain.notifier.service.ChainState;
import io.workchain.notifier.service.ControlRequest;
import io.workchain.notifier.service.OperatorAction;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notifier's topology at its seams, without a broker: records in, records out, the state
 * store, and the timers driven by advancing the driver's wall clock (no waiting). The same
 * topology runs against a real broker in NotifierTest, RetentionTest and the e2e suite.
 */
class NotifierTopologyTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration RETENTION = Duration.ofMinutes(5);
    private static final Duration EARLY_TTL = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /**
     * Chains whose records a client's partitioner put elsewhere: the driver has one partition (0),
     * so such a chain's partition is said to be another until its record is put in place, and 0
     * from then on, as the sink's partitioner would have placed the copy.
     */
    private final Set<String> placedElsewhere = new HashSet<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> work;
    private TestInputTopic<String, byte[]> notifications;
    private TestInputTopic<String, byte[]> control;
    private TestOutputTopic<String, byte[]> workOut;
    private TestOutputTopic<String, byte[]> steps;
    private TestOutputTopic<String, byte[]> completions;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start() {
        start(Map.of());
    }

    /** A driver over the topology configured with the test's settings and {@code more}. */
    private void start(Map<String, String> more) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "workchain.notifier.retention", RETENTION.toString(),
                "workchain.notifier.early-ttl", EARLY_TTL.toString(),
                "workchain.notifier.timer-interval", "PT1S"));
        settings.putAll(more);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(NotifierConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus's: "1h", "10m" as in the defaults
                .withDefaultValues(settings)
                .build();
        NotifierConfig notifier = config.getConfigMapping(NotifierConfig.class);
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "notifier-topology-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("driver-" + settings.hashCode()).toString());
        driver = new TopologyTestDriver(new NotifierTopology().topology(notifier, registry,
                OpenTelemetry.noop().getTracer("test"), home()), properties, START);
        work = driver.createInputTopic(Topics.WORK, new StringSerializer(), new ByteArraySerializer());
        notifications = driver.createInputTopic(Topics.NOTIFICATION, new StringSerializer(), new ByteArraySerializer());
        control = driver.createInputTopic(Topics.CONTROL, new StringSerializer(), new ByteArraySerializer());
        workOut = driver.createOutputTopic(Topics.WORK, new StringDeserializer(), new ByteArrayDeserializer());
        steps = driver.createOutputTopic(Topics.STEPS, new StringDeserializer(), new ByteArrayDeserializer());
        completions = driver.createOutputTopic(Topics.COMPLETION, new StringDeserializer(),
                new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER, new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /**
     * The driver's one partition, seen by the placement rule: a chain "placed elsewhere" is judged
     * among two partitions until its record is put in place (its hash's murmur2 partition is then
     * taken for the driver's 0), among one from then on.
     */
    private ChainHome home() {
        return new ChainHome() {
            @Override
            public int partitions(String topic) {
                return 1;
            }

            @Override
            public boolean isInPlace(String key, String topic, int partition, String hash) {
                return hash.equals(key) && !placedElsewhere.remove(hash);
            }
        };
    }

    /** The chain's first step, forwarded once when the chain is admitted: the ESB runs steps only from here. */
    private TestRecord<String, byte[]> assertFirstStep(WorkMessage chain) {
        TestRecord<String, byte[]> first = steps.readRecord();
        assertEquals(chain.hash(), first.key());
        WorkMessage step = MessageCodec.decode(first.value(), null, WorkMessage.class);
        assertEquals(chain.items().get(0).order(), step.nextStep().orElseThrow());
        assertTrue(step.items().stream().noneMatch(WorkItem::answered));
        return first;
    }

    @Test
    void aWorkRecordKeyedByItsHashOnAnotherPartitionIsPutInPlaceAndFoldedOnce() {
        WorkMessage chain = chain(2);
        placedElsewhere.add(chain.hash());
        work.pipeInput(chain.hash(), MessageCodec.toJson(chain));

        TestRecord<String, byte[]> copy = workOut.readRecord();
        assertEquals(chain.hash(), copy.key());
        assertFirstStep(chain);
        assertTrue(workOut.isEmpty() && steps.isEmpty() && completions.isEmpty() && deadLetters.isEmpty());
        assertNotNull(chains().get(chain.hash()), "folded from the copy in place");
        assertEquals(1, count("workchain.records.put.in.place", "topic", "work"));
        assertEquals(1, count("workchain.chains.started"), "accepted once");
    }

    @Test
    void aNotificationOnAnotherPartitionIsPutInPlaceAndTakenOnce() {
        WorkMessage chain = chain(2);
        work.pipeInput(chain.hash(), MessageCodec.toJson(chain));
        assertFirstStep(chain);
        placedElsewhere.add(chain.hash());
        notifications.pipeInput(chain.hash(), answer(chain, 0, "first"));

        assertEquals(1, count("workchain.records.put.in.place", "topic", "notification"));
        WorkMessage next = MessageCodec.decode(steps.readRecord().value(), null, WorkMessage.class);
        assertEquals("first", next.items().get(0).response().data(), "the copy in place answered step 0");
        assertTrue(steps.isEmpty() && deadLetters.isEmpty());
    }

    /** A refused record naming a held chain is answered where that chain lives: there, the chain is known, so it is not answered. */
    @Test
    void aRefusedRecordOnAnotherPartitionNeverAnswersForTheChainItNames() {
        WorkMessage chain = chain(2);
        work.pipeInput(chain.hash(), MessageCodec.toJson(chain));
        String forged = MessageCodec.toJsonString(chain).replace("/api/text/upper", "/api/text/reverse");
        placedElsewhere.add(chain.hash());
        work.pipeInput(chain.hash(), forged.getBytes(StandardCharsets.UTF_8)); // keyed by the hash, placed elsewhere
        work.pipeInput("attacker-key", forged.getBytes(StandardCharsets.UTF_8)); // keyed otherwise

        for (int i = 0; i < 2; i++) {
            TestRecord<String, byte[]> copy = workOut.readRecord();
            assertEquals(chain.hash(), copy.key(), "sent, as it is, to the chain's partition");
            assertEquals(forged, new String(copy.value(), StandardCharsets.UTF_8));
            assertTrue(
                    WorkchainHeaders.text(copy.headers(), WorkchainHeaders.PLACED_FROM).startsWith(Topics.WORK + "-0@"),
                    "the copy names the client's record");
        }
        assertTrue(workOut.isEmpty());
        assertTrue(completions.isEmpty(), "no FAILED completion under the victim's hash");
        for (int i = 0; i < 2; i++) {
            TestRecord<String, byte[]> letter = deadLetters.readRecord();
            assertTrue(WorkchainHeaders.text(letter.headers(), WorkchainHeaders.DLQ_REASON)
                    .startsWith("hash does not match"));
            assertTrue(
                    WorkchainHeaders.text(letter.headers(), WorkchainHeaders.PLACED_FROM)
                            .startsWith(Topics.WORK + "-0@"),
                    "the copy in place is kept, naming the client's record");
        }
    }

    /** The ESB reads only the steps topic: a work record the notifier refuses is kept, and answered, here. */
    @Test
    void aRefusedSubmissionIsKeptWithItsReasonAndItsClientAnswered() {
        byte[] missingMethod = "{\"work_message\":{\"items\":[{\"order\":0,\"request\":{\"url\":\"demo\",\"endpoint\":\"/x\",\"type\":\"HTTP\"}}]}}"
                .getBytes(StandardCharsets.UTF_8);
        String hash = RefusedWork.identify(missingMethod, null).orElseThrow().hash();
        work.pipeInput(hash, missingMethod);
        work.pipeInput("k", "not a work message".getBytes(StandardCharsets.UTF_8));

        TestRecord<String, byte[]> kept = deadLetters.readRecord();
        assertEquals("items[0].request.method is missing",
                WorkchainHeaders.text(kept.headers(), WorkchainHeaders.DLQ_REASON));
        assertEquals(DeadLetterHeaders.origin(Topics.WORK, 0, 0),
                WorkchainHeaders.text(kept.headers(), WorkchainHeaders.DLQ_ORIGIN));
        CompletionMessage answer = MessageCodec.decode(completions.readValue(), null, CompletionMessage.class);
        assertEquals(hash, answer.hash());
        assertEquals(ChainStatus.FAILED, answer.status());
        assertTrue(answer.error().contains("items[0].request.method is missing"), answer.error());
        assertEquals("k", deadLetters.readRecord().key(), "unreadable: kept, nobody to answer");
        assertTrue(steps.isEmpty() && completions.isEmpty());
        assertEquals(2, count("workchain.dead.letters", "class", "malformed"));
    }

    @Test
    void aCompletionIsACloudEventWhoseSubjectIsTheChainAndNotTheCausesEvent() {
        WorkMessage chain = chain(1);
        work.pipeInput(chain.hash(), MessageCodec.toJson(chain));
        RecordHeaders causeAsEvent = new RecordHeaders(CloudEventHeaders.of(CloudEventHeaders.NOTIFICATION_TYPE,
                "/some/service", "event-1", chain.hash(), START.toEpochMilli()));
        notifications.pipeInput(new TestRecord<>(chain.hash(), answer(chain, 0, "done"), causeAsEvent, START));

        TestRecord<String, byte[]> completion = completions.readRecord();
        assertEquals("1.0", WorkchainHeaders.text(completion.headers(), CloudEventHeaders.SPEC_VERSION));
        assertEquals(CloudEventHeaders.COMPLETION_TYPE,
                WorkchainHeaders.text(completion.headers(), CloudEventHeaders.TYPE));
        assertEquals(chain.hash(), WorkchainHeaders.text(completion.headers(), CloudEventHeaders.SUBJECT));
        assertEquals(chain.hash() + "/completion@" + START.toEpochMilli(),
                WorkchainHeaders.text(completion.headers(), CloudEventHeaders.ID));
        assertEquals(FoldOutput.CE_SOURCE, WorkchainHeaders.text(completion.headers(), CloudEventHeaders.SOURCE));
        assertEquals(START.toString(), WorkchainHeaders.text(completion.headers(), CloudEventHeaders.TIME));
        for (String attribute : List.of(CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE)) {
            assertEquals(1, StreamSupport.stream(completion.headers().headers(attribute).spliterator(), false).count(),
                    "one " + attribute + ": the cause's own is not passed on");
        }
    }

    @Test
    void aWorkRecordKeyedOtherwiseGoesBackKeyedByItsHash() {
        WorkMessage chain = chain(1);
        work.pipeInput("not-the-hash", MessageCodec.toJson(chain));

        TestRecord<String, byte[]> rekeyed = workOut.readRecord();
        assertEquals(chain.hash(), rekeyed.key());
        assertEquals(chain.hash(), MessageCodec.decode(rekeyed.value(), null, WorkMessage.class).hash());
        assertFirstStep(chain);
        assertTrue(steps.isEmpty() && completions.isEmpty() && deadLetters.isEmpty());
        // The driver feeds a sink's records to the source of the same topic, as the broker would: the
        // chain is folded once, from the re-keyed record.
        assertNotNull(chains().get(chain.hash()), "folded when it comes back under its hash");
        assertTrue(workOut.isEmpty(), "re-keyed once");
    }

    @Test
    void eachStepsAnswersLeadToTheNextStepThenToTheCompletion() {
        WorkMessage chain = chain(2);
        work.pipeInput(chain.hash(), MessageCodec.toJson(chain));
        TestRecord<String, byte[]> first = assertFirstStep(chain);
        assertEquals(START.plus(Duration.ofHours(1)).toEpochMilli(),
                Long.parseLong(WorkchainHeaders.text(first.headers(), WorkchainHeaders.DEADLINE)),
                "stamped with the chain's deadline");
        assertEquals(Duration.ofMinutes(10).toMillis(), Long.parseLong(WorkchainHeaders.text(first.headers(),
                WorkchainHeaders.ITEM_TIMEOUT)), "and the item timeout the ESB holds items to");
        work.pipeInput(chain.hash(), MessageCodec.toJson(chain));
        assertTrue(steps.isEmpty(), "the same chain sent again runs nothing again");

        notifications.pipeInput(chain.hash(), answer(chain, 0, "first"));
        TestRecord<String, byte[]> next = steps.readRecord();
        WorkMessage nextStep = MessageCodec.decode(next.value(), null, WorkMessage.class);
        assertEquals(chain.hash(), next.key());
        assertEquals(1, nextStep.nextStep().orElseThrow(), "step 1 is next");
        assertEquals("first", nextStep.items().get(0).response().data(), "the answer so far travels with it");
        long deadline = Long.parseLong(WorkchainHeaders.text(next.headers(), WorkchainHeaders.DEADLINE));
        assertEquals(START.plus(Duration.ofHours(1)).toEpochMilli(), deadline,
                "the default chain deadline, from acceptance");
        assertTrue(completions.isEmpty());

        notifications.pipeInput(chain.hash(), answer(chain, 1, "second"));
        CompletionMessage completion = MessageCodec.decode(completions.readValue(), null, CompletionMessage.class);
        assertEquals(ChainStatus.COMPLETED, completion.status());
        assertEquals(List.of("first", "second"), completion.items().stream().map(i -> i.response().data()).toList());
        assertTrue(steps.isEmpty() && deadLetters.isEmpty());
        assertEquals(1, count("workchain.chains.started"));
        assertEquals(1, count("workchain.chains.ended", "outcome", "completed"));
        assertEquals(2, registry.get("workchain.step.duration").timer().count(), "both steps timed");
        assertEquals(1, registry.get("workchain.chain.duration").tag("outcome", "completed").timer().count());
    }

    @Test
    void theSameItemsUnderARunIdRunAgainAsAChainOfTheirOwnThatKeepsItOnEveryStep() {
        WorkMessage chain = chain(2);
        work.pipeInput(chain.hash(), MessageCodec.toJson(chain));
        assertFirstStep(chain);
        work.pipeInput(chain.hash(), MessageCodec.toJson(chain));
        assertTrue(steps.isEmpty(), "without a run id the same items are the same chain: a duplicate");

        WorkMessage run = ChainHash.ensure(chain.withRunId("second"));
        work.pipeInput(run.hash(), MessageCodec.toJson(run));
        assertFirstStep(run);
        assertEquals("second", chains().get(run.hash()).work().runId(), "the chain's state keeps its run id");
        notifications.pipeInput(run.hash(), answer(run, 0, "again"));
        WorkMessage next = MessageCodec.decode(steps.readValue(), null, WorkMessage.class);
        assertEquals("second", next.runId(), "the next step carries it");
        assertEquals(run.hash(), next.hash());
        assertTrue(ChainHash.matches(next));
        notifications.pipeInput(run.hash(), answer(run, 1, "done"));
        TestRecord<String, byte[]> completion = completions.readRecord();
        assertEquals(run.hash(), completion.key(), "its own completion");
        assertTrue(completions.isEmpty() && deadLetters.isEmpty());
        assertEquals(2, count("workchain.chains.started"));
    }

    @Test
    void withTheTopicsInProtobufNextStepsAndCompletionsAreWrittenInProtobufAndSaySo() {
        driver.close();
        start(Map.of(WireFormat.CONFIG_KEY, "protobuf"));
        WorkMessage chain = chain(2);
        work.pipeInput(chain.hash(), MessageCodec.toJson(chain)); // readers take both formats, whatever is written
        notifications.pipeInput(new TestRecord<>(chain.hash(), MessageCodec.encode(
                MessageCodec.decode(answer(chain, 0, "first"), null, NotificationMessage.class), WireFormat.PROTOBUF),
                new RecordHeaders(List.of(WorkchainHeaders.contentType(WireFormat.PROTOBUF))), START));

        steps.readRecord(); // the first step
        TestRecord<String, byte[]> next = steps.readRecord();
        assertEquals(WireFormat.PROTOBUF.contentType(),
                WorkchainHeaders.text(next.headers(), WorkchainHeaders.CONTENT_TYPE));
        assertEquals(WireFormat.PROTOBUF, WireFormat.sniff(next.value()).orElseThrow(),
                "the value is protobuf, not JSON");
        WorkMessage nextStep = MessageCodec.decode(next.value(), WireFormat.PROTOBUF.contentType(), WorkMessage.class);
        assertEquals(1, nextStep.nextStep().orElseThrow());
        assertEquals("first", nextStep.items().get(0).response().data());

        notifications.pipeInput(chain.hash(), answer(chain, 1, "second"));
        TestRecord<String, byte[]> written = completions.readRecord();
        assertEquals(WireFormat.PROTOBUF.contentType(),
                WorkchainHeaders.text(written.headers(), WorkchainHeaders.CONTENT_TYPE));
        CompletionMessage completion = MessageCodec.decode(written.value(), WireFormat.PROTOBUF.contentType(),
                CompletionMessage.class);
        assertEquals(ChainStatus.COMPLETED, completion.status());
        assertEquals(List.of("first", "second"), completion.items().stream().map(i -> i.response().data()).toList());
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void aRecordThatIsNotAMessageIsDeadLetteredWithItsReasonAndOrigin() {
        notifications.pipeInput("k", "not json".getBytes(StandardCharsets.UTF_8));

        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertEquals("not json", new String(letter.value(), StandardCharsets.UTF_8), "kept as it came");
        assertNotNull(WorkchainHeaders.text(letter.headers(), WorkchainHeaders.DLQ_REASON));
        assertEquals(DeadLetterHeaders.origin(Topics.NOTIFICATION, 0, 0),
                WorkchainHeaders.text(letter.headers(), WorkchainHeaders.DLQ_ORIGIN));
        assertEquals(ChainFoldProcessor.SERVICE, WorkchainHeaders.text(letter.headers(), WorkchainHeaders.DLQ_SERVICE));
        assertEquals(1, count("workchain.dead.letters", "class", "malformed"));
    }

    @Test
    void anAnswerForAStepNotYetDispatchedIsRefused() {
        WorkMessage chain = chain(2);
        work.pipeInput(chain.hash(), MessageCodec.toJson(chain));
        assertFirstStep(chain);
        notifications.pipeInput(chain.hash(), answer(chain, 1, "forged"));

        String reason = WorkchainHeaders.text(deadLetters.readRecord().headers(), WorkchainHeaders.DLQ_REASON);
        assertTrue(reason.contains("not dispatched") || reason.contains("not been dispatched"), reason);
        assertTrue(steps.isEmpty() && completions.isEmpty(), "a forged answer moves nothing");
        assertEquals(1, count("workchain.dead.letters", "class", "refused"));
    }

    @Test
    void anAnswerBeforeItsWorkIsHeldThenExpiresIntoTheDeadLetterTopic() {
        WorkMessage chain = chain(1);
        notifications.pipeInput(chain.hash(), answer(chain, 0, "early"));
        assertTrue(deadLetters.isEmpty() && completions.isEmpty(), "held for its work message");

        driver.advanceWallClockTime(EARLY_TTL.plusSeconds(2));
        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertEquals(FoldTrigger.TIMER_ORIGIN, WorkchainHeaders.text(letter.headers(), WorkchainHeaders.DLQ_ORIGIN));
        assertEquals(chain.hash(), MessageCodec.decode(letter.value(), null, NotificationMessage.class).hash());
        assertEquals(1, count("workchain.dead.letters", "class", "expired"));
        assertEquals(0, count("workchain.chains.started"), "no work, no chain");
    }

    @Test
    void aChainPastItsDeadlineFailsAndSaysSo() {
        WorkMessage chain = WorkMessage.builder()
                .item(0, Request.http("demo", "/api/text/upper", "POST", "{\"text\":\"late\"}"))
                .timeout(Duration.ofSeconds(10))
                .build();
        work.pipeInput(chain.hash(), MessageCodec.toJson(chain));

        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertTrue(completions.isEmpty(), "not yet");
        driver.advanceWallClockTime(Duration.ofSeconds(7));
        CompletionMessage completion = MessageCodec.decode(completions.readValue(), null, CompletionMessage.class);
        assertEquals(ChainStatus.FAILED, completion.status());
        assertTrue(completion.error().contains("deadline") || completion.error().contains("timed out"),
                completion.error());
        assertEquals(1, count("workchain.chains.ended", "outcome", "timed_out"));
        assertEquals(0, count("workchain.chains.ended", "outcome", "failed"));
    }

    @Test
    void aFinishedChainIsRemovedAfterItsRetentionAndADuplicateMeanwhileIsIgnored() {
        WorkMessage chain = chain(1);
        work.pipeInput(chain.hash(), MessageCodec.toJson(chain));
        notifications.pipeInput(chain.hash(), answer(chain, 0, "done"));
        assertEquals(ChainStatus.COMPLETED,
                MessageCodec.decode(completions.readValue(), null, CompletionMessage.class).status());

        work.pipeInput(chain.hash(), MessageCodec.toJson(chain));
        notifications.pipeInput(chain.hash(), answer(chain, 0, "again"));
        assertTrue(completions.isEmpty(), "one completion per chain within the retention");

        driver.advanceWallClockTime(RETENTION.minusSeconds(30));
        assertNotNull(chains().get(chain.hash()), "kept through its retention");
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertNull(chains().get(chain.hash()), "removed after it");
        assertTrue(indexed().isEmpty(), "and from the listing's index");
    }

    /** Issue 19, case 8: a listing reads small summaries, newest first, never the chains' states. */
    @Test
    void theListingsIndexHoldsOneSummaryPerChainNewestFirst() {
        WorkMessage older = chain(2);
        WorkMessage newer = chain(1);
        work.pipeInput(new TestRecord<>(older.hash(), MessageCodec.toJson(older), null, START));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        work.pipeInput(new TestRecord<>(newer.hash(), MessageCodec.toJson(newer), null, START));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertEquals(List.of(newer.hash(), older.hash()), indexed().stream().map(s -> s.get("hash")).toList());

        notifications.pipeInput(older.hash(), answer(older, 0, "first")); // older moves: now the newest
        List<Map<String, Object>> summaries = indexed();
        assertEquals(List.of(older.hash(), newer.hash()), summaries.stream().map(s -> s.get("hash")).toList(),
                "one entry per chain, where its last change puts it");
        assertEquals("RUNNING", summaries.get(0).get("status"));
        assertEquals(1, summaries.get(0).get("steps_done"));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> indexed() {
        List<Map<String, Object>> summaries = new ArrayList<>();
        KeyValueStore<String, String> index = driver.getKeyValueStore(TopologyNames.INDEX_STORE);
        try (var all = index.all()) {
            all.forEachRemaining(entry -> {
                try {
                    summaries.add(new ObjectMapper().readValue(entry.value, Map.class));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return summaries;
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private KeyValueStore<String, ChainState> chains() {
        return driver.getKeyValueStore(TopologyNames.CHAINS_STORE);
    }

    /** A chain of {@code steps} one-item steps, unique to the test. */
    private static WorkMessage chain(int steps) {
        WorkMessage.Builder builder = WorkMessage.builder();
        for (int order = 0; order < steps; order++) {
            builder.item(order, Request.http("demo", "/api/text/upper", "POST",
                    "{\"text\":\"step " + order + " " + System.nanoTime() + "\"}"));
        }
        return builder.build();
    }

    private static byte[] answer(WorkMessage chain, int index, String data) {
        return MessageCodec.toJson(new NotificationMessage(chain.hash(),
                List.of(new ResultItem(chain.items().get(index).order(), index, Response.success(data, null)))));
    }

    private void request(ControlRequest.Action action, WorkMessage chain, Integer attempt, String by) {
        control.pipeInput(chain.hash(),
                new ControlRequest(action, chain.hash(), attempt, by, START.toEpochMilli()).toJson());
    }

    private static byte[] failure(WorkMessage chain, int index, String reason) {
        return MessageCodec.toJson(new NotificationMessage(chain.hash(),
                List.of(new ResultItem(chain.items().get(index).order(), index, Response.failure(reason, null)))));
    }

    @Test
    void aRetryOnTheControlTopicSendsTheFailedStepAgainAndItsCompletionSaysTheAttempt() {
        WorkMessage chain = chain(3);
        work.pipeInput(chain.hash(), MessageCodec.toJson(chain));
        assertFirstStep(chain);
        notifications.pipeInput(chain.hash(), answer(chain, 0, "first"));
        steps.readRecord();
        notifications.pipeInput(chain.hash(), failure(chain, 1, "HTTP 503"));
        CompletionMessage failed = MessageCodec.decode(completions.readValue(), null, CompletionMessage.class);
        assertEquals(ChainStatus.FAILED, failed.status());
        assertEquals(1, failed.attempt());

        request(ControlRequest.Action.RETRY, chain, 1, "alice");
        TestRecord<String, byte[]> again = steps.readRecord();
        WorkMessage step = MessageCodec.decode(again.value(), null, WorkMessage.class);
        assertEquals(1, step.nextStep().orElseThrow(), "the failed step, again");
        assertEquals("first", step.items().get(0).response().data(), "step 0's answer kept: not called again");
        assertNotNull(WorkchainHeaders.text(again.headers(), WorkchainHeaders.DEADLINE), "stamped as every step");
        assertTrue(completions.isEmpty(), "a retry replaces no completion");
        request(ControlRequest.Action.RETRY, chain, 1, "bob");
        assertTrue(steps.isEmpty() && completions.isEmpty() && deadLetters.isEmpty(),
                "a second retry of attempt 1 runs nothing");

        notifications.pipeInput(chain.hash(), answer(chain, 1, "second"));
        steps.readRecord();
        notifications.pipeInput(chain.hash(), answer(chain, 2, "third"));
        CompletionMessage completed = MessageCodec.decode(completions.readValue(), null, CompletionMessage.class);
        assertEquals(ChainStatus.COMPLETED, completed.status());
        assertEquals(2, completed.attempt());
        ChainState state = chains().get(chain.hash());
        assertEquals(List.of("alice", "bob"), state.timeline().actions().stream().map(OperatorAction::by).toList());
        assertEquals(1, count("workchain.chains.retried"));
        assertEquals(1, count("workchain.chains.ended", "outcome", "completed"));
    }

    @Test
    void aCancelEndsTheChainAndTellsTheEsbAndLateAnswersAreIgnored() {
        WorkMessage chain = chain(2);
        work.pipeInput(chain.hash(), MessageCodec.toJson(chain));
        assertFirstStep(chain);

        request(ControlRequest.Action.CANCEL, chain, null, "bob");
        CompletionMessage cancelled = MessageCodec.decode(completions.readValue(), null, CompletionMessage.class);
        assertEquals(ChainStatus.CANCELLED, cancelled.status());
        assertEquals("cancelled by bob (attempt 1)", cancelled.error());
        TestRecord<String, byte[]> marker = steps.readRecord();
        assertEquals(chain.hash(), marker.key(), "on the partition of the chain's steps");
        assertEquals("1", WorkchainHeaders.text(marker.headers(), WorkchainHeaders.CANCELLED));
        assertEquals(0, marker.value().length, "no work message: nothing to run");
        assertEquals(1, count("workchain.chains.ended", "outcome", "cancelled"));

        notifications.pipeInput(chain.hash(), answer(chain, 0, "late"));
        assertTrue(steps.isEmpty() && completions.isEmpty() && deadLetters.isEmpty(),
                "a late answer of a cancelled chain is ignored, not dead-lettered");
        assertEquals("CANCELLED", chains().get(chain.hash()).status());
    }

    @Test
    void anUnreadableControlRecordIsDeadLettered() {
        control.pipeInput("k", "{\"action\":\"delete\"}".getBytes(StandardCharsets.UTF_8));
        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertEquals("action must be retry or cancel, got 'delete'",
                WorkchainHeaders.text(letter.headers(), WorkchainHeaders.DLQ_REASON));
        assertTrue(steps.isEmpty() && completions.isEmpty());
    }
}
