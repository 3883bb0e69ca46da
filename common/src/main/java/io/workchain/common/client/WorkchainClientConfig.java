package io.workchain.common.client;

import io.workchain.common.Topics;
import io.workchain.common.codec.WireFormat;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Settings of a {@link WorkchainClient}. {@code kafkaProperties} are passed to the producer and
 * the consumer as they are (security settings, for example); the client sets its own
 * serializers.
 */
public record WorkchainClientConfig(String bootstrapServers, String workTopic, String completionTopic,
        Duration completionTimeout, WireFormat format, Properties kafkaProperties) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public WorkchainClientConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(workTopic, "workTopic");
        Objects.requireNonNull(completionTopic, "completionTopic");
        Objects.requireNonNull(completionTimeout, "completionTimeout");
        Objects.requireNonNull(format, "format");
        kafkaProperties = kafkaProperties == null ? new Properties() : kafkaProperties;
    }

    /** Default topics, JSON, a five-minute timeout. */
    public static WorkchainClientConfig of(String bootstrapServers) {
        return new WorkchainClientConfig(bootstrapServers, Topics.WORK, Topics.COMPLETION, DEFAULT_TIMEOUT,
                WireFormat.JSON, new Properties());
    }

    public WorkchainClientConfig withTimeout(Duration timeout) {
        return new WorkchainClientConfig(bootstrapServers, workTopic, completionTopic, timeout, format,
                kafkaProperties);
    }

    public WorkchainClientConfig withFormat(WireFormat newFormat) {
        return new WorkchainClientConfig(bootstrapServers, workTopic, completionTopic, completionTimeout, newFormat,
                kafkaProperties);
    }

    public WorkchainClientConfig withTopics(String work, String completion) {
        return new WorkchainClientConfig(bootstrapServers, work, completion, completionTimeout, format,
                kafkaProperties);
    }

    /** Kafka client settings passed as they are (security settings, say). */
    public WorkchainClientConfig withKafkaProperties(Properties properties) {
        return new WorkchainClientConfig(bootstrapServers, workTopic, completionTopic, completionTimeout, format,
                properties);
    }
}
