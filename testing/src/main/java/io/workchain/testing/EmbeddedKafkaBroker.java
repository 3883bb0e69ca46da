package io.workchain.testing;

import io.workchain.common.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), in this JVM, from
 * the Maven Central artifact kafka_2.13: no Docker needed. Used by the tests (on free ports with a
 * fresh data directory) and by the local run (on 127.0.0.1:9092, data kept between runs).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** The broker setting that retries adding a partition to a transaction (see brokerProperties). */
    public static final String ADD_PARTITIONS_BACKOFF = "add.partitions.to.txn.retry.backoff.ms";

    private final int brokerPort;
    private final Properties props;
    private volatile KafkaRaftServer server;

    private EmbeddedKafkaBroker(int brokerPort, Properties props, KafkaRaftServer server) {
        this.brokerPort = brokerPort;
        this.props = props;
        this.server = server;
    }

    /** A broker on free ports with a fresh temporary data directory. */
    public static EmbeddedKafkaBroker startEphemeral() {
        try {
            return start(ReservedPorts.choose(), ReservedPorts.choose(), Files.createTempDirectory("workchain-kafka-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker on the given ports; {@code dataDir} is formatted when it holds no KRaft
     * metadata yet, and reused as it is otherwise (so a local broker keeps its topics).
     */
    public static EmbeddedKafkaBroker start(int brokerPort, int controllerPort, Path dataDir) {
        return start(brokerPort, controllerPort, dataDir, Map.of());
    }

    /** As {@link #start(int, int, Path)}, with some broker settings replaced (a benchmark comparing them). */
    public static EmbeddedKafkaBroker start(int brokerPort, int controllerPort, Path dataDir,
            Map<String, String> overrides) {
        try {
            Files.createDirectories(dataDir);
            Properties props = brokerProperties(brokerPort, controllerPort, dataDir);
            props.putAll(overrides);
            if (!Files.exists(dataDir.resolve("meta.properties"))) {
                format(props, dataDir);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafkaBroker(brokerPort, props, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Creates the workchain topics (those that do not exist yet), each with {@code partitions}. */
    public void createWorkchainTopics(int partitions) {
        createTopics(Topics.ALL, partitions);
    }

    public void createTopics(Collection<String> names, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<NewTopic> topics = names.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList();
            for (var result : admin.createTopics(topics).values().values()) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topics " + names, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topics not created within 30 s", e);
        }
    }

    /**
     * Stops the broker, keeps it down for {@code down}, and starts it again on the same ports and
     * data: an outage of the broker, for the chaos tests.
     */
    public synchronized void restart(java.time.Duration down) {
        close();
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        KafkaRaftServer restarted = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        restarted.startup();
        server = restarted;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties brokerProperties(int brokerPort, int controllerPort, Path dataDir) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dataDir.toAbsolutePath().toString());
        // A single node: every internal topic has one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        // Transactions (the notifier's exactly-once fold) commit every few milliseconds. Under
        // transaction version 2 the first write of the next transaction often arrives before the
        // markers of the one just committed are written: the broker then waits its add-partitions
        // retry backoff, 20 ms by default (KAFKA-18654; KAFKA-20000 lowers it upstream), and that
        // wait was most of the notifier's commit time (docs/performance.md). 1 ms retries at once.
        props.put(ADD_PARTITIONS_BACKOFF, "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("default.replication.factor", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        return props;
    }

    private static void format(Properties props, Path dataDir) throws IOException {
        Path config = dataDir.resolve("server.properties");
        try (var out = Files.newOutputStream(config)) {
            props.store(out, "workchain embedded broker");
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                    print);
        } catch (Exception e) {
            throw new IllegalStateException("could not format " + dataDir + ": " + log.toString(StandardCharsets.UTF_8),
                    e);
        } finally {
            Files.deleteIfExists(config);
        }
    }
}
