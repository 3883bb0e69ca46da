package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workchain.cli.CommandRun;
import io.workchain.cli.ExitCodes;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.WorkMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import static io.workchain.e2e.Chains.demo;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command-line client ({@code bin/workchain}) against the running system: submit, status and
 * watch as a user types them, their output and exit status. (Usage errors and bad input, which
 * need no system, are tested in the cli module.)
 */
class CommandLineIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static CommandRun workchain(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void submitStatusAndWatchAChainThatCompletes() throws Exception {
        WorkchainSystem system = WorkchainSystem.get();
        String broker = system.broker.bootstrapServers();
        String word = unique("cli");
        WorkMessage work = WorkMessage.builder()
                .item(0, demo("/api/text/upper", text(word)))
                .item(1, demo("/api/text/count", text("{{order:0/text}}")))
                .build();
        String hash = ChainHash.of(work.items());
        Path file = Files.createTempFile("cli-chain", ".json");
        Files.write(file, MessageCodec.toJson(work));

        CompletableFuture<CommandRun> watch = CompletableFuture.supplyAsync(() -> workchain("watch",
                "--bootstrap-servers", broker, "--hash", hash, "--count", "1", "--timeout", "90s"));
        Thread.sleep(2_000); // the watch takes the topic's end before the chain is submitted

        CommandRun submit = workchain("submit", "--bootstrap-servers", broker, "--timeout", "90s", file.toString());
        assertEquals(ExitCodes.COMPLETED, submit.exit(), submit.err());
        JsonNode printed = JSON.readTree(submit.out()).path("completion_message");
        assertEquals(hash, printed.path("hash").asText());
        assertEquals("COMPLETED", printed.path("status").asText());
        assertTrue(submit.out().contains(word.toUpperCase(Locale.ROOT)),
                "the completion carries the first step's answer");

        CommandRun watched = watch.get();
        assertEquals(ExitCodes.COMPLETED, watched.exit(), watched.err());
        List<String> lines = watched.out().lines().toList();
        assertEquals(1, lines.size(), "one JSON line per completion: " + watched.out());
        CompletionMessage completion = MessageCodec.decode(lines.get(0).getBytes(StandardCharsets.UTF_8), null,
                CompletionMessage.class);
        assertEquals(hash, completion.hash());
        assertEquals(ChainStatus.COMPLETED, completion.status());

        CommandRun status = workchain("status", "--notifier", system.notifier.baseUrl(), hash);
        assertEquals(ExitCodes.COMPLETED, status.exit(), status.err());
        JsonNode view = JSON.readTree(status.out());
        assertEquals("COMPLETED", view.path("status").asText());
        assertEquals(2, view.path("steps_done").asInt());
    }

    @Test
    void aFailedChainExitsOneAndAnUnknownChainThree() throws Exception {
        WorkchainSystem system = WorkchainSystem.get();
        WorkMessage work = WorkMessage.builder()
                .item(0, demo("/api/faults/status/404", text(unique("cli-fail"))))
                .build();
        Path file = Files.createTempFile("cli-failing", ".json");
        Files.write(file, MessageCodec.toJson(work));

        CommandRun submit = workchain("submit", "--bootstrap-servers", system.broker.bootstrapServers(), "--timeout",
                "90s",
                file.toString());
        assertEquals(ExitCodes.FAILED, submit.exit(), submit.err());
        assertEquals("FAILED", JSON.readTree(submit.out()).path("completion_message").path("status").asText());

        CommandRun unknown = workchain("status", "--notifier", system.notifier.baseUrl(),
                "0123456789abcdef0123456789abcdef");
        assertEquals(ExitCodes.NOT_FOUND, unknown.exit(), unknown.out());
        assertTrue(unknown.err().contains("no chain"), unknown.err());
    }
}
