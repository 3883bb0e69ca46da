package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.cloudevents.CloudEventHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.kafka.ChainPlacement;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static io.workchain.e2e.Chains.demo;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static io.workchain.e2e.ExternalClients.CLIENTS;
import static io.workchain.e2e.ExternalClients.crc32Partition;
import static io.workchain.e2e.ExternalClients.crc32PlacesElsewhere;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chains keyed by their hash by clients whose partitioner is not Java's, against the packaged
 * services on a broker of several partitions: kcat and Python (librdkafka: CRC32 of the key), and
 * Node.js (kafkajs: murmur2 as Java, with an asynchronous service that answers through a CRC32
 * partitioner). Every chain is picked so that CRC32 places its hash elsewhere than its chain's
 * partition, and the test asserts where each record landed: the client's record off its chain's
 * partition, the notifier's copy on it, each step run once, one completion.
 */
class NonJavaClientsIT {

    private static final int PARTITIONS = WorkchainSystem.PARTITIONS;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final WorkchainSystem system = WorkchainSystem.get();

    @Test
    void chainsKeyedByTheirHashWithKcatCompleteWhereverCrc32PutsThem() {
        assumeClient("kcat", "command -v kcat");
        for (int i = 0; i < 3; i++) {
            Picked picked = placedElsewhereByCrc32(w -> WorkMessage.builder()
                    .item(0, demo("/api/text/upper", text(w)))
                    .item(1, demo("/api/text/count", text("{{order:0/text}} and more"))).build(), unique("kcat"));
            WorkMessage chain = picked.chain();
            Path file = write(MessageCodec.toJsonString(chain.withHash(null)));

            String printed = ExternalClients.run(List.of(CLIENTS.resolve("kcat/submit.sh").toString(), chain.hash(),
                    file.toString()), null, Map.of("KAFKA_BOOTSTRAP_SERVERS", system.broker.bootstrapServers()), null,
                    90);

            String line = printed.lines().filter(l -> l.startsWith(chain.hash() + "|")).findFirst().orElseThrow();
            CompletionMessage completion = MessageCodec.decode(line.substring(chain.hash().length() + 1)
                    .getBytes(StandardCharsets.UTF_8), null, CompletionMessage.class);
            assertEquals(ChainStatus.COMPLETED, completion.status(), line);
            assertEquals("{\"words\":3,\"characters\":" + (picked.word().length() + 9) + "}",
                    completion.items().get(1).response().data());
            assertPutInPlace(chain.hash(), crc32Partition(chain.hash(), PARTITIONS));
            assertRunOnce(chain.hash());
        }
    }

    @Test
    void aPythonClientAndAsynchronousServiceWithLibrdkafkasPartitioner() throws IOException {
        assumeClient("python3-confluent-kafka", ExternalClients.PYTHON + " -c 'import confluent_kafka'");
        ExternalClients.run(List.of(ExternalClients.PYTHON, "-m", "unittest", "-v"), CLIENTS.resolve("python"),
                Map.of(), null, 60);
        Picked picked = placedElsewhereByCrc32(w -> throughAsyncService("python-service", w), unique("py"));
        WorkMessage chain = picked.chain();

        JsonNode report = lastLine(ExternalClients.run(List.of(ExternalClients.PYTHON, "example_chain.py",
                "--bootstrap", system.broker.bootstrapServers(), "--port", Integer.toString(system.pythonServicePort),
                "--items", itemsFile(chain).toString(), "--timeout", "90"), CLIENTS.resolve("python"), Map.of(), null,
                150));

        assertEquals(chain.hash(), report.path("hash").asText(), "Python computes the hash Java does");
        int crc32 = crc32Partition(chain.hash(), PARTITIONS);
        assertEquals(crc32, report.path("work_partitions").path(0).asInt(), "librdkafka placed it by CRC32");
        assertEquals(crc32, report.path("notification_partitions").path(0).asInt(), "the service's answer too");
        assertCompletedThroughTheService(report, picked.word());
        assertPutInPlace(chain.hash(), crc32);
        assertNotificationPutInPlace(chain.hash(), "/python-service", crc32);
        assertRunOnce(chain.hash());
    }

    @Test
    void aNodeClientWithKafkajsAndAnAsynchronousServiceWithACrc32Partitioner() throws IOException {
        assumeClient("node with kafkajs (npm ci in clients/node)",
                "cd " + CLIENTS.resolve("node") + " && node -e \"require('kafkajs')\"");
        ExternalClients.run(List.of("node", "--test", "test/"), CLIENTS.resolve("node"), Map.of(), null, 60);
        Picked picked = placedElsewhereByCrc32(w -> throughAsyncService("node-service", w), unique("node"));
        WorkMessage chain = picked.chain();

        JsonNode report = lastLine(ExternalClients.run(List.of("node", "example-chain.js",
                "--bootstrap", system.broker.bootstrapServers(), "--port", Integer.toString(system.nodeServicePort),
                "--items", itemsFile(chain).toString(), "--timeout", "90000"), CLIENTS.resolve("node"),
                Map.of("KAFKAJS_NO_PARTITIONER_WARNING", "1"), null, 150));

        assertEquals(chain.hash(), report.path("hash").asText(), "Node.js computes the hash Java does");
        assertEquals(ChainPlacement.partitionOf(chain.hash(), PARTITIONS), report.path("work_partition").asInt(),
                "kafkajs 2 places a key as Java does");
        int crc32 = crc32Partition(chain.hash(), PARTITIONS);
        assertEquals(crc32, report.path("notification_partitions").path(0).asInt(), "the service's answer by CRC32");
        assertCompletedThroughTheService(report, picked.word());
        assertNotificationPutInPlace(chain.hash(), "/node-service", crc32);
        assertRunOnce(chain.hash());
    }

    /** Upper-cased by the demo service, reversed by the client's own asynchronous service, then counted. */
    private static WorkMessage throughAsyncService(String route, String word) {
        return WorkMessage.builder()
                .item(0, demo("/api/text/upper", text(word)))
                .item(1, Request.http(route, "/reverse", "POST", text("{{order:0/text}}")))
                .item(2, demo("/api/text/count", text("{{order:1/text}} done")))
                .build();
    }

    private void assertCompletedThroughTheService(JsonNode report, String word) {
        JsonNode completion = report.path("completion");
        assertEquals("COMPLETED", completion.path("status").asText(), report.toString());
        String reversed = new StringBuilder(word.toUpperCase(Locale.ROOT)).reverse().toString();
        assertEquals("{\"text\":\"" + reversed + "\"}",
                completion.path("items").path(1).path("response").path("data").asText());
        assertEquals("{\"words\":2,\"characters\":" + (word.length() + 5) + "}",
                completion.path("items").path(2).path("response").path("data").asText());
    }

    /** The client's work record sits where CRC32 put it; the notifier's copy on the chain's partition. */
    private void assertPutInPlace(String hash, int clientPartition) {
        int home = ChainPlacement.partitionOf(hash, PARTITIONS);
        assertNotEquals(home, clientPartition, "chosen so that CRC32 places it elsewhere");
        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(clientPartition, home).stream().sorted().toList(),
                system.work.byKey(hash).stream().map(ConsumerRecord::partition).sorted().toList(),
                "the client's record, then the notifier's copy in place"));
    }

    /** The asynchronous service's answer sits where its partitioner put it, and a copy on the chain's partition. */
    private void assertNotificationPutInPlace(String hash, String source, int servicePartition) {
        int home = ChainPlacement.partitionOf(hash, PARTITIONS);
        List<ConsumerRecord<String, byte[]>> answers = system.notifications.byKey(hash).stream()
                .filter(r -> source.equals(WorkchainHeaders.text(r.headers(), CloudEventHeaders.SOURCE))).toList();
        assertTrue(answers.stream().anyMatch(r -> r.partition() == servicePartition), "the service's own record");
        assertTrue(answers.stream().anyMatch(r -> r.partition() == home), "the notifier's copy in place");
    }

    /** One completion, one call of each step's service, one entry in the console's list. */
    private void assertRunOnce(String hash) {
        await().atMost(WAIT).until(() -> !system.completions.byKey(hash).isEmpty());
        ServiceProcess.sleep(1000); // a second completion, were there one, comes within the notifier's next commits
        assertEquals(1, system.completions.byKey(hash).size(), "one completion");
        JsonNode calls = system.getJson(system.demo, "/api/calls?hash=" + hash);
        List<String> keys = new ArrayList<>();
        calls.forEach(call -> keys.add(call.path("idempotencyKey").asText()));
        assertEquals(keys.stream().distinct().toList(), keys, "no step called twice: " + calls);
        JsonNode listed = system.getJson(system.notifier, "/chains?q=" + hash);
        assertEquals(1, listed.path("chains").size(), "listed once: " + listed);
    }

    private record Picked(String word, WorkMessage chain) {}

    /** A chain built around a word, made anew until librdkafka's partitioner places its hash elsewhere. */
    private static Picked placedElsewhereByCrc32(Function<String, WorkMessage> chainOf, String prefix) {
        for (int i = 0;; i++) {
            WorkMessage chain = chainOf.apply(prefix + i);
            if (crc32PlacesElsewhere(chain.hash(), PARTITIONS)) {
                return new Picked(prefix + i, chain);
            }
        }
    }

    private Path itemsFile(WorkMessage chain) {
        return write(system.json(MessageCodec.toJsonString(chain)).path("work_message").path("items").toString());
    }

    private JsonNode lastLine(String printed) {
        List<String> lines = printed.lines().filter(l -> !l.isBlank()).toList();
        return system.json(lines.get(lines.size() - 1));
    }

    private static Path write(String content) {
        try {
            Path file = Files.createTempFile("workchain-chain-", ".json");
            Files.writeString(file, content);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assumeClient(String name, String check) {
        boolean available = ExternalClients.available(check);
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(available, name + " is not installed");
        }
        assertTrue(available, name + " is missing in CI (.ci/run installs it)");
    }
}
