package io.workchain.esb.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN once the work stream has stopped (a failure it could not handle): the orchestrator then
 * restarts the ESB, which reads the uncommitted work records again.
 */
@Liveness
@ApplicationScoped
public class WorkStreamHealthCheck implements HealthCheck {

    private volatile String stoppedBecause;

    public void stopped(Throwable error) {
        stoppedBecause = error == null ? "the work stream completed" : String.valueOf(error.getMessage());
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("work stream").status(stoppedBecause == null)
                .withData("stopped", stoppedBecause == null ? "no" : stoppedBecause).build();
    }
}
