package io.workchain.e2e;

import io.workchain.common.codec.MessageCodec;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.ServiceProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.workchain.e2e.Chains.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chain submitted and read entirely with kcat, a non-Java Kafka client: the work message is
 * hand-written JSON in the specification's form (trailing comma, no hash, no record key), the
 * completion is consumed by kcat. .ci/run installs kcat; where it is missing outside CI, skipped.
 */
class KcatIT {

    @Test
    void aChainWrittenAndReadWithKcatCompletes() throws Exception {
        boolean available = Kcat.installed();
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(available, "kcat is not installed (apt-get install kcat)");
        }
        WorkchainSystem system = WorkchainSystem.get();
        String word = unique("kcat");
        String handWritten = "{\"work_message\": {\"items\": [\n"
                + "  {\"order\": 0, \"request\": {\"url\": \"demo\", \"endpoint\": \"/api/text/upper\", \"type\": \"HTTP\","
                + " \"method\": \"POST\", \"payload\": \"{\\\"text\\\":\\\"" + word + "\\\"}\"}},\n"
                + "  {\"order\": 1, \"request\": {\"url\": \"demo\", \"endpoint\": \"/api/text/count\", \"type\": \"HTTP\","
                + " \"method\": \"POST\", \"payload\": \"{\\\"text\\\":\\\"{{order:0/text}} and more\\\"}\"}},\n"
                + "]}}";
        String hash = ChainHash
                .of(MessageCodec.decode(handWritten.getBytes(StandardCharsets.UTF_8), null, WorkMessage.class).items());
        String broker = system.broker.bootstrapServers();

        run(List.of("kcat", "-P", "-b", broker, "-t", "workchain.work"), handWritten.replace("\n", " ") + "\n", 30);
        String completion = run(List.of("kcat", "-C", "-b", broker, "-t", "workchain.completion", "-o", "beginning",
                "-q", "-K", "|", "-c", "1000", "-e"), null, 30);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!completion.contains(hash + "|") && System.nanoTime() < deadline) {
            ServiceProcess.sleep(1000);
            completion = run(List.of("kcat", "-C", "-b", broker, "-t", "workchain.completion", "-o", "beginning",
                    "-q", "-K", "|", "-e"), null, 30);
        }
        String line = completion.lines().filter(l -> l.startsWith(hash + "|")).findFirst()
                .orElseThrow(() -> new AssertionError("kcat read no completion keyed " + hash));
        CompletionMessage message = MessageCodec.decode(
                line.substring(hash.length() + 1).getBytes(StandardCharsets.UTF_8),
                null, CompletionMessage.class);
        assertEquals(hash, message.hash(), "the completion tells the client the hash");
        assertEquals(ChainStatus.COMPLETED, message.status());
        assertEquals("{\"words\":3,\"characters\":" + (word.length() + 9) + "}",
                message.items().get(1).response().data());
        assertTrue(completion.lines().filter(l -> l.startsWith(hash + "|")).count() == 1, "one completion");
    }

    private static String run(List<String> command, String input, int timeoutSeconds) {
        return Kcat.run(command, input, timeoutSeconds);
    }
}
