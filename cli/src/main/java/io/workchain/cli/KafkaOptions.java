package io.workchain.cli;

import io.workchain.common.Topics;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** How the commands that talk to Kafka reach it: the broker, the topics, and client settings for secured clusters. */
final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}", description = "the Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS, else ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = "a properties file of Kafka client settings (security.protocol, sasl.*, ssl.*): "
            + "kept out of the command line so that no password shows in the process list")
    Path kafkaConfig;

    @Option(names = "--work-topic", defaultValue = Topics.WORK, description = "default: ${DEFAULT-VALUE}")
    String workTopic;

    @Option(names = "--completion-topic", defaultValue = Topics.COMPLETION, description = "default: ${DEFAULT-VALUE}")
    String completionTopic;

    /** The settings of {@code --kafka-config}, or none. */
    Properties clientProperties() throws IOException {
        Properties properties = new Properties();
        if (kafkaConfig != null) {
            try (Reader reader = Files.newBufferedReader(kafkaConfig)) {
                properties.load(reader);
            }
        }
        return properties;
    }
}
