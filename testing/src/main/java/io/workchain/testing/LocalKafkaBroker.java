package io.workchain.testing;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The broker of a local run: 127.0.0.1:9092 (controller on 9093), data under
 * {@code .workchain/kafka} (formatted on first use, kept between runs), workchain topics created.
 * Runs until SIGTERM or Ctrl-C, then shuts down cleanly. Started by {@code bin/kafka-local.sh}.
 *
 * <p>Arguments (all optional): {@code --port N --controller-port N --data-dir DIR --partitions N}.
 */
public final class LocalKafkaBroker {

    private LocalKafkaBroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 9092;
        int controllerPort = 9093;
        Path dataDir = Path.of(".workchain", "kafka");
        int partitions = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--controller-port" -> controllerPort = Integer.parseInt(args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                case "--partitions" -> partitions = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, controllerPort, dataDir);
        broker.createWorkchainTopics(partitions);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "local-kafka-shutdown"));
        System.out.println("Kafka broker ready on " + broker.bootstrapServers() + " (topics: "
                + String.join(", ", io.workchain.common.Topics.ALL) + ", " + partitions + " partitions)");
        stopped.await();
    }
}
