package io.workchain.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts a real KRaft broker for a Quarkus test: free ports, fresh data directory, the workchain
 * topics created with {@code partitions} (argument, default 1), and a fresh Kafka Streams state
 * directory (reusing one against a new broker corrupts tasks).
 *
 * <pre>{@code @QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)}</pre>
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedKafkaBroker broker;
    private int partitions = 1;

    @Override
    public void init(Map<String, String> initArgs) {
        partitions = Integer.parseInt(initArgs.getOrDefault("partitions", "1"));
    }

    /** Held so the levels stay set (java.util.logging keeps loggers weakly). */
    private static final List<Logger> QUIET_LOGGERS = List.of(Logger.getLogger("kafka"),
            Logger.getLogger("org.apache.kafka"), Logger.getLogger("state.change.logger"));

    @Override
    public Map<String, String> start() {
        // The broker logs at INFO before Quarkus applies the test profile's levels: quiet it here.
        QUIET_LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
        broker = EmbeddedKafkaBroker.startEphemeral();
        broker.createWorkchainTopics(partitions);
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers());
        try {
            config.put("kafka-streams.state.dir", Files.createTempDirectory("workchain-streams-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
