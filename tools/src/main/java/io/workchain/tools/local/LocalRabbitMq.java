package io.workchain.tools.local;

import io.workchain.testing.RabbitMqBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The RabbitMQ broker of a local run: 127.0.0.1:5672, data under {@code .workchain/rabbitmq},
 * the specification's {@code completion-queue} declared. Runs until SIGTERM or Ctrl-C, then stops
 * the node. Started by {@code bin/workchain-run.sh} when Debian's rabbitmq-server is installed.
 */
@Command(name = "rabbitmq-local", mixinStandardHelpOptions = true, description = "Runs a local RabbitMQ node with one queue declared until SIGTERM or Ctrl-C.")
public final class LocalRabbitMq implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "5672", description = "the AMQP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data-dir", defaultValue = ".workchain/rabbitmq", description = "the node's data (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--queue", defaultValue = "completion-queue", description = "the queue to declare (default: ${DEFAULT-VALUE})")
    String queue;

    public static void main(String[] args) {
        int exit = new CommandLine(new LocalRabbitMq()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        RabbitMqBroker broker = RabbitMqBroker.start(port, dataDir.toAbsolutePath());
        broker.declareQueue(queue);
        return UntilStopped.hold(broker, "RabbitMQ ready on amqp://127.0.0.1:" + port + " (queue " + queue + ")");
    }
}
