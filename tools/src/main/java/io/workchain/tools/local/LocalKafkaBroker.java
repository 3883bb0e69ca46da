package io.workchain.tools.local;

import io.workchain.common.Topics;
import io.workchain.testing.EmbeddedKafkaBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The broker of a local run: 127.0.0.1:9092 (controller on 9093), data under
 * {@code .workchain/kafka} (formatted on first use, kept between runs), workchain topics created.
 * Runs until SIGTERM or Ctrl-C, then shuts down cleanly. Started by {@code bin/kafka-local.sh}.
 */
@Command(name = "kafka-local", mixinStandardHelpOptions = true, description = "Runs a local Apache Kafka broker (KRaft) with the workchain topics until SIGTERM or Ctrl-C.")
public final class LocalKafkaBroker implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "the broker's port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--controller-port", defaultValue = "9093", description = "the KRaft controller's port (default: ${DEFAULT-VALUE})")
    int controllerPort;

    @Option(names = "--data-dir", defaultValue = ".workchain/kafka", description = "the log directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "3", description = "partitions of each workchain topic (default: ${DEFAULT-VALUE})")
    int partitions;

    public static void main(String[] args) {
        int exit = new CommandLine(new LocalKafkaBroker()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, controllerPort, dataDir);
        broker.createWorkchainTopics(partitions);
        return UntilStopped.hold(broker, "Kafka broker ready on " + broker.bootstrapServers() + " (topics: "
                + String.join(", ", Topics.ALL) + ", " + partitions + " partitions)");
    }
}
