package io.workchain.common.client;

import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.WorkMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Submits a work message (a JSON or protobuf file, or standard input) and prints its completion
 * message as JSON. Exit status: 0 completed, 1 the chain failed, 2 bad input, 3 no completion in time.
 *
 * <pre>java -cp ... io.workchain.common.client.WorkchainCli [--bootstrap-servers HOST:PORT] [--timeout 120s] [FILE]</pre>
 */
public final class WorkchainCli {

    private WorkchainCli() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        Duration timeout = Duration.ofMinutes(2);
        String file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap-servers" -> bootstrap = args[++i];
                case "--timeout" -> timeout = Duration.parse("PT" + args[++i].toUpperCase());
                default -> file = args[i];
            }
        }
        byte[] bytes = file == null || file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        WorkMessage work;
        try {
            work = io.workchain.common.hash.ChainHash.ensure(MessageCodec.decode(bytes, null, WorkMessage.class));
        } catch (MalformedMessageException e) {
            System.err.println("Not a valid work message: " + e.getMessage());
            System.exit(2);
            return;
        }
        try (WorkchainClient client = WorkchainClient.start(WorkchainClientConfig.of(bootstrap).withTimeout(timeout))) {
            System.err.println("Submitting a chain of " + work.items().size() + " items to " + bootstrap + "...");
            CompletionMessage completion = client.submit(work).toCompletableFuture().get();
            System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().readTree(MessageCodec.toJson(completion))
                    .toPrettyString());
            System.exit(completion.succeeded() ? 0 : 1);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                System.err.println("No completion message within " + timeout.toSeconds() + " s. If this very chain ("
                        + work.hash() + ") was submitted before, it completed then: a chain is identified by its content,"
                        + " and a duplicate within the notifier's retention is ignored (GET /chains/{hash} on the"
                        + " notifier shows it).");
                System.exit(3);
            }
            System.err.println("Submission failed: " + e.getCause().getMessage());
            System.exit(2);
        }
    }
}
