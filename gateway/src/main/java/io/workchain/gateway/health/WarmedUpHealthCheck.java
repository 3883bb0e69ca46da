package io.workchain.gateway.health;

import io.workchain.common.warmup.WarmUp;
import io.workchain.common.warmup.WarmedUpReadiness;
import io.workchain.gateway.warmup.GatewayWarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the gateway's warm-up ({@link GatewayWarmUp}) has ended: see {@link WarmedUpReadiness}. */
@Readiness
@ApplicationScoped
public class WarmedUpHealthCheck extends WarmedUpReadiness {

    private final GatewayWarmUp service;

    public WarmedUpHealthCheck(GatewayWarmUp service) {
        this.service = service;
    }

    @Override
    protected WarmUp warmUp() {
        return service.warmUp();
    }
}
