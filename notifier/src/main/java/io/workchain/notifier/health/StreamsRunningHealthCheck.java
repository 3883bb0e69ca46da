package io.workchain.notifier.health;

import io.workchain.notifier.config.NotifierConfig;
import io.workchain.notifier.stream.TopicPartitionCounts;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * Ready means ready: DOWN until the fold runs (Kafka Streams RUNNING: its partitions assigned,
 * its stores restored, its transactional producers initialised) and while a rebalance moves
 * partitions, so the console and peers ask only an instance that can answer for its chains. Also
 * DOWN until the partition counts of the topics it reads are known (TopicPartitionCounts: each
 * record's placement is checked against them), so the first chain does not wait for them.
 * (Liveness stays Quarkus's own check: a rebalance is not a reason to restart.)
 */
@Readiness
@ApplicationScoped
public class StreamsRunningHealthCheck implements HealthCheck {

    private final KafkaStreams streams;
    private final TopicPartitionCounts partitionCounts;
    private final List<String> sources;

    public StreamsRunningHealthCheck(KafkaStreams streams, TopicPartitionCounts partitionCounts,
            NotifierConfig config) {
        this.streams = streams;
        this.partitionCounts = partitionCounts;
        NotifierConfig.TopicNames topics = config.topics();
        this.sources = List.of(topics.work(), topics.notification(), topics.control());
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        boolean counted = partitionCounts.known(sources);
        return HealthCheckResponse.named("chain fold running").status(state == KafkaStreams.State.RUNNING && counted)
                .withData("state", state.name())
                .withData("partition counts", counted ? "known" : "asked of the broker").build();
    }
}
