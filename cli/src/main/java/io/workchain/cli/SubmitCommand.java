package io.workchain.cli;

import io.workchain.common.client.WorkchainClient;
import io.workchain.common.client.WorkchainClientConfig;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.limits.Limits;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.MessageValidator;
import io.workchain.common.message.WorkMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** {@code workchain submit FILE|-}: puts a work message on the work topic and prints its completion. */
@Command(name = "submit", mixinStandardHelpOptions = true, description = {
        "Submits a work message and prints its completion message as JSON when the chain ends.",
        "The hash is computed when the message has none; a message that is not valid is refused before anything is sent."})
final class SubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(paramLabel = "FILE", description = "the work message (JSON or protobuf); - reads standard input")
    String file;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class, description = "how long to wait for the completion: 90s, 2m, 1h or PT2M (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "how the message is written on the work topic: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    WireFormat format;

    @Option(names = "--run-id", paramLabel = "ID", description = {
            "runs the same work again on purpose, as a chain of its own: the run id is part of the hash",
            "(letters, digits and . _ : -, at most 128); replaces the message's own run_id"})
    String runId;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        byte[] bytes;
        try {
            bytes = read(file);
        } catch (NoSuchFileException e) {
            err.println("Cannot read " + file + ": no such file");
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println("Cannot read " + file + ": " + e);
            return ExitCodes.BAD_INPUT;
        }
        if (bytes.length > Limits.MAX_RECORD_BYTES) {
            err.println("Not a valid work message: larger than " + Limits.MAX_RECORD_BYTES + " bytes");
            return ExitCodes.BAD_INPUT;
        }
        WorkMessage work;
        try {
            work = ChainHash.ensure(MessageCodec.decode(bytes, null, WorkMessage.class));
        } catch (MalformedMessageException e) {
            err.println("Not a valid work message: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (runId != null) {
            // The file's own hash was checked above; under another run id the chain has another.
            WorkMessage run = work.withRunId(runId);
            try {
                MessageValidator.validateWork(run);
            } catch (MalformedMessageException e) {
                err.println("Not a valid --run-id: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            work = ChainHash.ensure(run);
        }
        WorkchainClientConfig config = WorkchainClientConfig.of(kafka.bootstrapServers)
                .withTopics(kafka.workTopic, kafka.completionTopic).withTimeout(timeout).withFormat(format)
                .withKafkaProperties(kafka.clientProperties());
        WorkchainClient client;
        try {
            client = WorkchainClient.start(config);
        } catch (IllegalStateException e) {
            err.println("Cannot reach Kafka at " + kafka.bootstrapServers + ": " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
        try (client) {
            err.println("Submitting chain " + work.hash() + " (" + work.items().size() + " items) to "
                    + kafka.bootstrapServers + "...");
            CompletionMessage completion = client.submit(work).toCompletableFuture().get();
            spec.commandLine().getOut().println(Json.pretty(completion));
            return completion.succeeded() ? ExitCodes.COMPLETED : ExitCodes.FAILED;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                err.println("No completion message within " + timeout.toSeconds() + " s. If this very chain ("
                        + work.hash()
                        + ") was submitted before, it completed then: a chain is identified by its content,"
                        + " and a duplicate within the notifier's retention is ignored (workchain status " + work.hash()
                        + " shows it). To run it again, give it a run id: --run-id.");
                return ExitCodes.NOT_FOUND;
            }
            err.println("Submission failed: " + e.getCause().getMessage());
            return ExitCodes.UNREACHABLE;
        }
    }

    /** The file's bytes, or standard input's; never more than one byte past the record limit (so a huge input is refused, not held). */
    private static byte[] read(String file) throws IOException {
        try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
            return in.readNBytes(Limits.MAX_RECORD_BYTES + 1);
        }
    }
}
