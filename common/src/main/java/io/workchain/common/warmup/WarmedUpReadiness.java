package io.workchain.common.warmup;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Ready after the warm-up: DOWN while the service runs its own per-chain code on made-up chains
 * (bounded in rounds and time) and the JIT compiles what that queued, so that work is done before
 * the first chains a rollout or the run script sends. Each service's
 * {@code health/WarmedUpHealthCheck} is this check over its own warm-up (one place for what the
 * three services report).
 */
public abstract class WarmedUpReadiness implements HealthCheck {

    /** The check's name in {@code /q/health/ready}. */
    public static final String NAME = "warmed up";
    /** The data key of the calls the warm-up made over the service's I/O path, if it makes any. */
    public static final String CALLS = "warm-up calls";

    /** The service's warm-up, or null before the service has started it. */
    protected abstract WarmUp warmUp();

    @Override
    public HealthCheckResponse call() {
        WarmUp warmUp = warmUp();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(warmUp != null && warmUp.done());
        if (warmUp != null) {
            warmUp.report().ifPresent(report -> response.withData("warm-up", report.toString()));
            warmUp.calls().ifPresent(calls -> response.withData(CALLS, calls));
        }
        return response.build();
    }
}
