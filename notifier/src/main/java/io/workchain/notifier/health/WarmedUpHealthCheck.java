package io.workchain.notifier.health;

import io.workchain.common.warmup.WarmUp;
import io.workchain.notifier.warmup.NotifierWarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready after the warm-up: DOWN while the service runs its own per-chain code on made-up chains
 * (bounded in rounds and time), so the first chains a rollout or the run script sends do not
 * queue behind the JIT.
 */
@Readiness
@ApplicationScoped
public class WarmedUpHealthCheck implements HealthCheck {

    private final NotifierWarmUp service;

    public WarmedUpHealthCheck(NotifierWarmUp service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        WarmUp warmUp = service.warmUp();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("warmed up")
                .status(warmUp != null && warmUp.done());
        if (warmUp != null) {
            warmUp.report().ifPresent(report -> response.withData("warm-up", report.toString()));
        }
        return response.build();
    }
}
