package io.workchain.testing;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The RabbitMQ broker of a local run: 127.0.0.1:5672, data under {@code .workchain/rabbitmq},
 * the specification's {@code completion-queue} declared. Runs until SIGTERM or Ctrl-C, then stops
 * the node. Started by {@code bin/workchain-run.sh} when Debian's rabbitmq-server is installed.
 *
 * <p>Arguments (all optional): {@code --port N --data-dir DIR --queue NAME}.
 */
public final class LocalRabbitMq {

    private LocalRabbitMq() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 5672;
        Path dataDir = Path.of(".workchain", "rabbitmq");
        String queue = "completion-queue";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                case "--queue" -> queue = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        RabbitMqBroker broker = RabbitMqBroker.start(port, dataDir.toAbsolutePath());
        broker.declareQueue(queue);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "local-rabbitmq-shutdown"));
        System.out.println("RabbitMQ ready on amqp://127.0.0.1:" + port + " (queue " + queue + ")");
        stopped.await();
    }
}
