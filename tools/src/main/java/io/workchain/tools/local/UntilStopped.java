package io.workchain.tools.local;

import java.util.concurrent.CountDownLatch;

/** How a local launcher runs: its broker stays up until SIGTERM or Ctrl-C, then is closed cleanly. */
final class UntilStopped {

    private UntilStopped() {}

    /** Prints {@code ready} (the line the scripts wait for), then blocks until the JVM is asked to stop. */
    static int hold(AutoCloseable broker, String ready) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                System.err.println("could not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "local-broker-shutdown"));
        System.out.println(ready);
        stopped.await();
        return 0;
    }
}
