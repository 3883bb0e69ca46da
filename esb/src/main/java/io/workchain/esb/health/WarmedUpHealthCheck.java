package io.workchain.esb.health;

import io.workchain.common.warmup.WarmUp;
import io.workchain.common.warmup.WarmedUpReadiness;
import io.workchain.esb.warmup.EsbWarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the esb's warm-up ({@link EsbWarmUp}) has ended: see {@link WarmedUpReadiness}. */
@Readiness
@ApplicationScoped
public class WarmedUpHealthCheck extends WarmedUpReadiness {

    private final EsbWarmUp service;

    public WarmedUpHealthCheck(EsbWarmUp service) {
        this.service = service;
    }

    @Override
    protected WarmUp warmUp() {
        return service.warmUp();
    }
}
