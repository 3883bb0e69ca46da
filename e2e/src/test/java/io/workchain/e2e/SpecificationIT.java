package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.workchain.common.Topics;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.RefusedWork;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static io.workchain.e2e.Chains.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The specification's own work message, as written (trailing commas, "type": "HTTPS" and "AMQP",
 * method "publish"), sent with kcat: the HTTPS item reaches the demo service over TLS, the AMQP
 * item is published to a real RabbitMQ's completion-queue, and the client hears a COMPLETED
 * completion. Also the AMQP failures a user meets: a bad password, an unknown queue, a broker
 * that is down; and a refused submission, answered.
 */
class SpecificationIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private final WorkchainSystem system = WorkchainSystem.get();

    /** The example of SPEC.md's "Work Message", byte for byte (checked against ../shared/SPEC.md where present). */
    static String specificationExample() {
        try (var in = SpecificationIT.class.getResourceAsStream("/specification/work_message.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theExampleIsTheSpecificationsOwn() throws IOException {
        Path spec = Path.of(System.getProperty("workchain.root", ".."), "..", "shared", "SPEC.md");
        if (Files.exists(spec)) {
            assertTrue(Files.readString(spec).contains(specificationExample()), "the example is SPEC.md's, verbatim");
        }
        assertTrue(specificationExample().contains("\"payload\": \"{jsonOrProtoBufferData}\",\n            },"),
                "trailing commas kept");
    }

    @Test
    void theSpecificationsExampleRunsAsWritten() throws Exception {
        String word = unique("spec");
        String payload = "{\\\"text\\\":\\\"" + word + "\\\"}";
        String filled = specificationExample()
                .replace("      \"hash\": \"MD5CheckSum\",\n", "")
                .replace("{domain}", "127.0.0.1:" + system.secureDemoPort)
                .replace("{application}", "demo").replace("{module}", "text").replace("{function}", "upper")
                .replace("{jsonOrProtoBufferData}", payload)
                .replace("{user}", "guest").replace("{password}", "guest")
                .replace("{server}", "127.0.0.1").replace("{port}", Integer.toString(system.rabbit.port()));
        WorkMessage work = ChainHash
                .ensure(MessageCodec.decode(filled.getBytes(StandardCharsets.UTF_8), null, WorkMessage.class));

        Kcat.produce(system.broker.bootstrapServers(), Topics.WORK, filled);

        CompletionMessage completion = awaitCompletion(work.hash());
        assertEquals(ChainStatus.COMPLETED, completion.status(), () -> String.valueOf(completion.error()));
        assertEquals("{\"text\":\"" + word.toUpperCase(Locale.ROOT) + "\"}",
                completion.items().get(0).response().data());
        assertTrue(completion.items().get(1).response().metadata().contains("\"confirmed\":true"),
                completion.items().get(1).response().metadata());
        GetResponse published = awaitInQueue(WorkchainSystem.COMPLETION_QUEUE, work.hash());
        assertEquals("{\"text\":\"" + word + "\"}", new String(published.getBody(), StandardCharsets.UTF_8));
        assertEquals("1", String.valueOf(published.getProps().getHeaders().get("X-Workchain-Order")));
        assertEquals("1", String.valueOf(published.getProps().getHeaders().get("X-Workchain-Index")));
        assertEquals("application/json", published.getProps().getContentType());
        JsonNode status = system.getJson(system.notifier, "/chains/" + work.hash());
        assertFalse(status.toString().contains("guest:guest"), "no credentials in the chain's status: " + status);
        assertTrue(Chains.completions(system.completions.byKey(work.hash())).size() == 1);
    }

    @Test
    void theSpecificationsExampleAsWrittenIsRefusedAndTheClientHearsWhy() {
        String asWritten = specificationExample().replace("{jsonOrProtoBufferData}", unique("refused"));
        String hash = RefusedWork.identify(asWritten.getBytes(StandardCharsets.UTF_8), null).orElseThrow().hash();

        Kcat.produce(system.broker.bootstrapServers(), Topics.WORK, asWritten);

        CompletionMessage completion = awaitCompletion(hash);
        assertEquals(ChainStatus.FAILED, completion.status());
        assertTrue(
                completion.error()
                        .contains("hash must be 32 lower-case hexadecimal characters (an MD5), got 'MD5CheckSum'"),
                completion.error());
        assertEquals(2, completion.items().size(), "one answer per item, each 'not run'");
    }

    @Test
    void aBadAmqpPasswordFailsTheChainAndIsNeverShown() {
        CompletionMessage completion = run(Request.amqp("rabbit-bad-login", WorkchainSystem.COMPLETION_QUEUE, "{}"),
                null);

        assertEquals(ChainStatus.FAILED, completion.status());
        assertTrue(completion.error().contains("refused the login"), completion.error());
        assertFalse(MessageCodec.toJsonString(completion).contains("not-the-password"));
    }

    @Test
    void anUnknownQueueFailsTheChain() {
        CompletionMessage completion = run(Request.amqp("rabbit", "no-such-queue", "{}"), null);

        assertEquals(ChainStatus.FAILED, completion.status());
        assertTrue(completion.error().contains("is unroutable (312 NO_ROUTE)"), completion.error());
    }

    @Test
    void aBrokerThatIsDownFailsTheChainAtItsDeadline() {
        CompletionMessage completion = run(Request.amqp("rabbit-down", WorkchainSystem.COMPLETION_QUEUE, "{}"), 4_000L);

        assertEquals(ChainStatus.FAILED, completion.status());
        assertTrue(completion.error().contains("could not reach the AMQP broker amqp://127.0.0.1:")
                || completion.error().startsWith("timed out"), completion.error());
    }

    private CompletionMessage run(Request amqp, Long timeoutMs) {
        WorkMessage.Builder builder = WorkMessage.builder()
                .item(0, Chains.demo("/api/text/upper", Chains.text(unique("amqp"))))
                .item(1, amqp);
        if (timeoutMs != null) {
            builder.timeout(Duration.ofMillis(timeoutMs));
        }
        WorkMessage work = builder.build();
        system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);
        return awaitCompletion(work.hash());
    }

    private CompletionMessage awaitCompletion(String hash) {
        await().atMost(WAIT).until(() -> !system.completions.byKey(hash).isEmpty());
        List<CompletionMessage> completions = Chains.completions(system.completions.byKey(hash));
        assertEquals(1, completions.size(), "one completion");
        return completions.get(0);
    }

    /** A consumer of the queue, as the specification's subscriber would be: the message of that chain. */
    private GetResponse awaitInQueue(String queue, String hash) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URI.create(system.rabbit.url()));
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                GetResponse message = channel.basicGet(queue, true);
                if (message == null) {
                    ServiceProcess.sleep(200);
                } else if (hash.equals(String.valueOf(message.getProps().getHeaders().get("X-Workchain-Hash")))) {
                    return message;
                }
            }
        }
        throw new AssertionError("no message of chain " + hash + " in " + queue);
    }
}
