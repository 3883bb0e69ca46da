package io.workchain.testing;

import io.workchain.common.Topics;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.client.WorkchainClient;
import io.workchain.common.client.WorkchainClientConfig;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The plain-Java client against a real KRaft broker (in this JVM, no Docker). */
class WorkchainClientIT {

    private static EmbeddedKafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.startEphemeral();
        broker.createWorkchainTopics(3);
        producer = KafkaTestClients.producer(broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.close();
    }

    @Test
    void submitsKeyedByHashAndCompletesOnTheMatchingCompletionOnly() throws Exception {
        WorkMessage work = chain("submit");
        try (WorkchainClient client = WorkchainClient.start(WorkchainClientConfig.of(broker.bootstrapServers()));
                KafkaConsumer<String, byte[]> workReader = KafkaTestClients.consumer(broker.bootstrapServers(),
                        Topics.WORK)) {
            CompletableFuture<CompletionMessage> completion = client.submit(work).toCompletableFuture();

            ConsumerRecord<String, byte[]> submitted = KafkaTestClients.readFirst(workReader,
                    r -> work.hash().equals(r.key()), Duration.ofSeconds(30));
            assertEquals(work.hash(), submitted.key());
            assertEquals("application/json", new String(
                    submitted.headers().lastHeader(WorkchainHeaders.CONTENT_TYPE).value(), StandardCharsets.UTF_8));
            assertEquals(work, MessageCodec.decode(submitted.value(), null, WorkMessage.class));

            CompletionMessage other = completionOf(chain("other").hash());
            publishCompletion(other);
            // The other chain's completion is read (it is on the same topic) but must not complete ours.
            assertThrows(TimeoutException.class, () -> completion.get(2, TimeUnit.SECONDS));

            CompletionMessage ours = completionOf(work.hash());
            publishCompletion(ours);
            assertEquals(ours, completion.get(30, TimeUnit.SECONDS));
            assertEquals(0, client.pendingCount());
        }
    }

    @Test
    void protobufSubmissionDecodesBack() throws Exception {
        WorkMessage work = chain("protobuf");
        WorkchainClientConfig config = WorkchainClientConfig.of(broker.bootstrapServers())
                .withFormat(WireFormat.PROTOBUF);
        try (WorkchainClient client = WorkchainClient.start(config);
                KafkaConsumer<String, byte[]> workReader = KafkaTestClients.consumer(broker.bootstrapServers(),
                        Topics.WORK)) {
            client.submit(work.withHash(null));
            ConsumerRecord<String, byte[]> submitted = KafkaTestClients.readFirst(workReader,
                    r -> work.hash().equals(r.key()), Duration.ofSeconds(30));
            assertEquals(work, MessageCodec.decode(submitted.value(), null, WorkMessage.class));
        }
    }

    @Test
    void timesOutWhenNoCompletionComes() {
        WorkchainClientConfig config = WorkchainClientConfig.of(broker.bootstrapServers())
                .withTimeout(Duration.ofSeconds(1));
        try (WorkchainClient client = WorkchainClient.start(config)) {
            CompletableFuture<CompletionMessage> completion = client.submit(chain("timeout")).toCompletableFuture();
            ExecutionException error = assertThrows(ExecutionException.class,
                    () -> completion.get(30, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, error.getCause());
            assertEquals(0, client.pendingCount());
        }
    }

    @Test
    void refusesATamperedMessageWithoutSendingIt() {
        WorkMessage work = chain("tampered");
        WorkMessage tampered = work.withHash(chain("something else").hash());
        try (WorkchainClient client = WorkchainClient.start(WorkchainClientConfig.of(broker.bootstrapServers()))) {
            CompletableFuture<CompletionMessage> completion = client.submit(tampered).toCompletableFuture();
            ExecutionException error = assertThrows(ExecutionException.class,
                    () -> completion.get(5, TimeUnit.SECONDS));
            assertEquals("hash", ((MalformedMessageException) error.getCause()).field());
            assertFalse(client.pendingCount() > 0);
        }
    }

    @Test
    void runsTheSameWorkAgainUnderARunIdAsAChainOfItsOwn() throws Exception {
        WorkMessage work = chain("run again");
        WorkMessage run = ChainHash.ensure(work.withRunId("second"));
        try (WorkchainClient client = WorkchainClient.start(WorkchainClientConfig.of(broker.bootstrapServers()));
                KafkaConsumer<String, byte[]> workReader = KafkaTestClients.consumer(broker.bootstrapServers(),
                        Topics.WORK)) {
            CompletableFuture<CompletionMessage> completion = client.submit(work, "second").toCompletableFuture();

            ConsumerRecord<String, byte[]> submitted = KafkaTestClients.readFirst(workReader,
                    r -> run.hash().equals(r.key()), Duration.ofSeconds(30));
            assertEquals(run, MessageCodec.decode(submitted.value(), null, WorkMessage.class));
            publishCompletion(completionOf(run.hash()));
            assertEquals(run.hash(), completion.get(30, TimeUnit.SECONDS).hash());

            CompletableFuture<CompletionMessage> refused = client.submit(work, "not a run id").toCompletableFuture();
            ExecutionException error = assertThrows(ExecutionException.class, () -> refused.get(5, TimeUnit.SECONDS));
            assertEquals("run_id", assertInstanceOf(MalformedMessageException.class, error.getCause()).field());
            assertEquals(0, client.pendingCount());
        }
    }

    private static WorkMessage chain(String text) {
        return WorkMessage.builder()
                .item(0, Request.http("demo", "/api/text/upper", "POST", "{\"text\":\"" + text + "\"}"))
                .build();
    }

    private static CompletionMessage completionOf(String hash) {
        return new CompletionMessage(hash, List.of(new ResultItem(0, 0, Response.success("done", null))),
                ChainStatus.COMPLETED, null);
    }

    private static void publishCompletion(CompletionMessage completion) throws Exception {
        producer.send(new ProducerRecord<>(Topics.COMPLETION, completion.hash(), MessageCodec.toJson(completion)))
                .get(10, TimeUnit.SECONDS);
    }
}
