package io.workchain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real RabbitMQ broker (AMQP 0-9-1) from Debian's {@code rabbitmq-server} package, started as a
 * child process with a node name, ports and data directory of its own, so tests never collide
 * with each other or with a system broker. Its default user (guest/guest) may log in from
 * loopback only, which is where the tests are. No Docker.
 */
public final class RabbitMqBroker implements AutoCloseable {

    /** Where Debian installs the server script (it needs no service manager when run directly). */
    static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final int port;
    private final Path dir;
    private final Map<String, String> environment;
    private Process process;

    private RabbitMqBroker(int port, Path dir, Map<String, String> environment) {
        this.port = port;
        this.dir = dir;
        this.environment = environment;
    }

    /** Whether the broker can be started on this machine (`.ci/run` installs the package). */
    public static boolean installed() {
        return Files.isExecutable(SERVER);
    }

    /** Starts a broker on a free port with a fresh data directory, and waits until it takes connections. */
    public static RabbitMqBroker start() {
        try {
            return start(ReservedPorts.choose(), Files.createTempDirectory("workchain-rabbitmq-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a broker on {@code port} with its data in {@code dataDir} (kept between runs: the local run's). */
    public static RabbitMqBroker start(int port, Path dataDir) {
        // Absolute: the node runs in this directory, so a relative path would resolve twice.
        Path dir = dataDir.toAbsolutePath();
        if (!installed()) {
            throw new IllegalStateException(SERVER + " is missing: install Debian's rabbitmq-server package "
                    + "(apt-get install rabbitmq-server; .ci/run does)");
        }
        try {
            int distPort = ReservedPorts.choose();
            Files.createDirectories(dir.resolve("mnesia"));
            Files.createDirectories(dir.resolve("log"));
            Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
            Map<String, String> environment = Map.of(
                    "RABBITMQ_NODENAME", "workchain-" + port + "@localhost",
                    "RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1",
                    "RABBITMQ_NODE_PORT", Integer.toString(port),
                    "RABBITMQ_DIST_PORT", Integer.toString(distPort),
                    "RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString(),
                    "RABBITMQ_LOG_BASE", dir.resolve("log").toString(),
                    "RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString(),
                    "RABBITMQ_CONFIG_FILES", dir.resolve("conf.d").toString());
            RabbitMqBroker broker = new RabbitMqBroker(port, dir, environment);
            broker.launch();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(SERVER.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
        builder.environment().putAll(environment);
        // Erlang writes its crash dump to the working directory (the checkout) unless told otherwise.
        builder.environment().put("ERL_CRASH_DUMP", dir.resolve("erl_crash.dump").toString());
        builder.directory(dir.toFile());
        process = builder.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("rabbitmq-server exited at start; see " + dir.resolve("server.log"));
            }
            if (Files.exists(dir.resolve("server.log"))
                    && Files.readString(dir.resolve("server.log")).contains("Starting broker... completed")
                    && accepts()) {
                return;
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("rabbitmq-server did not start within " + START_TIMEOUT.toSeconds() + " s");
    }

    /** amqp://guest:guest@127.0.0.1:port (the default virtual host). */
    public String url() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Declares a durable queue, as the consumer of the specification's completion-queue would. */
    public void declareQueue(String queue) {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        try (var connection = factory.newConnection("workchain-setup"); var channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, null);
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not declare the queue " + queue, e);
        }
    }

    /** Stops the broker (an outage), keeping its data; {@link #restart()} brings it back. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (accepts() && System.nanoTime() < deadline) {
            sleep(100);
        }
    }

    public void restart() {
        stop();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
