package io.workchain.notifier.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means ready: DOWN until the fold runs (Kafka Streams RUNNING: its partitions assigned,
 * its stores restored, its transactional producers initialised) and while a rebalance moves
 * partitions, so the console and peers ask only an instance that can answer for its chains.
 * (Liveness stays Quarkus's own check: a rebalance is not a reason to restart.)
 */
@Readiness
@ApplicationScoped
public class StreamsRunningHealthCheck implements HealthCheck {

    private final KafkaStreams streams;

    public StreamsRunningHealthCheck(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("chain fold running").status(state == KafkaStreams.State.RUNNING)
                .withData("state", state.name()).build();
    }
}
