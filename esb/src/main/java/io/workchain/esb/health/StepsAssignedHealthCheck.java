package io.workchain.esb.health;

import io.smallrye.common.annotation.Identifier;
import io.workchain.esb.kafka.StepsAssignment;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means ready: DOWN until the steps consumer has joined its group and been given its
 * partitions, so nothing counts on this instance (a rollout, a KEDA scale-up, the run script's
 * first chain) while it could not yet take a step.
 */
@Readiness
@ApplicationScoped
public class StepsAssignedHealthCheck implements HealthCheck {

    private final StepsAssignment assignment;

    public StepsAssignedHealthCheck(@Identifier(StepsAssignment.NAME) StepsAssignment assignment) {
        this.assignment = assignment;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("steps partitions assigned").status(assignment.joined())
                .withData("partitions", assignment.partitionsOwned()).build();
    }
}
