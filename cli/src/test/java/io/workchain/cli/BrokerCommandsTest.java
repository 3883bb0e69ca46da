package io.workchain.cli;

import io.workchain.common.Topics;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.EmbeddedKafkaBroker;
import io.workchain.testing.KafkaTestClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static io.workchain.cli.CommandLineTest.workchain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * submit and watch against a real broker, with no Workchain services running: what reaches the
 * work topic, what watch prints of the completion topic (and what it skips), and the exit status
 * when nothing comes. The whole system behind them is exercised in the e2e suite (CommandLineIT).
 */
class BrokerCommandsTest {

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.startEphemeral();
        broker.createWorkchainTopics(1);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void watchPrintsCompletionsAsJsonLinesAndReportsWhatItSkips() throws Exception {
        CompletionMessage first = completion("a");
        CompletionMessage second = completion("b");
        try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(broker.bootstrapServers())) {
            producer.send(new ProducerRecord<>(Topics.COMPLETION, "junk",
                    "not a completion".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.COMPLETION, first.hash(), MessageCodec.toJson(first))).get();
            producer.send(new ProducerRecord<>(Topics.COMPLETION, second.hash(), MessageCodec.toJson(second))).get();
        }

        CommandRun all = workchain("watch", "--bootstrap-servers", broker.bootstrapServers(), "--from-beginning",
                "--count", "2", "--timeout", "60s");
        assertEquals(ExitCodes.COMPLETED, all.exit(), all.err());
        List<String> lines = all.out().lines().toList();
        assertEquals(List.of(first.hash(), second.hash()), lines.stream()
                .map(line -> MessageCodec.decode(line.getBytes(StandardCharsets.UTF_8), null, CompletionMessage.class)
                        .hash())
                .toList());
        assertTrue(all.err().contains("Skipped the record at " + Topics.COMPLETION + "-0@0"), all.err());

        CommandRun one = workchain("watch", "--bootstrap-servers", broker.bootstrapServers(), "--from-beginning",
                "--hash", second.hash().toUpperCase(Locale.ROOT), "--count", "1", "--timeout", "60s");
        assertEquals(ExitCodes.COMPLETED, one.exit(), one.err());
        assertEquals(1, one.out().lines().count());
        assertTrue(one.out().contains(second.hash()), one.out());
    }

    @Test
    void watchThatSeesTooFewCompletionsInTimeExitsThree() {
        CommandRun run = workchain("watch", "--bootstrap-servers", broker.bootstrapServers(),
                "--hash", "00000000000000000000000000000000", "--count", "1", "--timeout", "2s");
        assertEquals(ExitCodes.NOT_FOUND, run.exit(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void submitPutsTheMessageOnTheWorkTopicAndWaitsForItsCompletion() throws Exception {
        WorkMessage work = WorkMessage.builder()
                .item(0, Request.http("demo", "/api/text/upper", "POST",
                        "{\"text\":\"cli " + System.nanoTime() + "\"}"))
                .build();
        String hash = ChainHash.of(work.items());
        Path file = dir.resolve("chain.json");
        Files.write(file, MessageCodec.toJson(work));

        // No notifier runs here: the completion never comes, and submit says so with exit status 3.
        CommandRun run = workchain("submit", "--bootstrap-servers", broker.bootstrapServers(), "--timeout", "3s",
                file.toString());
        assertEquals(ExitCodes.NOT_FOUND, run.exit(), run.err());
        assertTrue(run.err().contains("No completion message within 3 s"), run.err());

        ConsumerRecord<String, byte[]> record = KafkaTestClients.readFirst(broker.bootstrapServers(), Topics.WORK,
                r -> hash.equals(r.key()), Duration.ofSeconds(30));
        WorkMessage written = MessageCodec.decode(record.value(), null, WorkMessage.class);
        assertEquals(hash, written.hash(), "submitted with its hash computed");
        assertEquals(work.items(), written.items());
    }

    @Test
    void submitWithARunIdSendsTheSameItemsAsAChainOfTheirOwn() throws Exception {
        WorkMessage work = WorkMessage.builder()
                .item(0, Request.http("demo", "/api/text/upper", "POST",
                        "{\"text\":\"cli again " + System.nanoTime() + "\"}"))
                .build();
        String again = ChainHash.of(work.items(), "second");
        Path file = dir.resolve("again.json");
        Files.write(file, MessageCodec.toJson(work)); // with the hash of the items alone: checked, then replaced

        CommandRun run = workchain("submit", "--bootstrap-servers", broker.bootstrapServers(), "--timeout", "2s",
                "--run-id", "second", file.toString());
        assertEquals(ExitCodes.NOT_FOUND, run.exit(), run.err());
        assertTrue(run.err().contains("Submitting chain " + again), run.err());

        ConsumerRecord<String, byte[]> record = KafkaTestClients.readFirst(broker.bootstrapServers(), Topics.WORK,
                r -> again.equals(r.key()), Duration.ofSeconds(30));
        WorkMessage written = MessageCodec.decode(record.value(), null, WorkMessage.class);
        assertEquals("second", written.runId());
        assertEquals(again, written.hash());
        assertTrue(ChainHash.matches(written));
    }

    private static CompletionMessage completion(String text) {
        String hash = ChainHash
                .of(WorkMessage.builder().item(0, Request.http("demo", "/" + text, "POST", "{}")).build().items());
        return new CompletionMessage(hash,
                List.of(new ResultItem(0, 0, Response.success("{\"text\":\"" + text + "\"}", null))),
                ChainStatus.COMPLETED, null);
    }
}
