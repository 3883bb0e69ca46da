package io.workchain.notifier.health;

import io.workchain.common.warmup.WarmUp;
import io.workchain.common.warmup.WarmedUpReadiness;
import io.workchain.notifier.warmup.NotifierWarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the notifier's warm-up ({@link NotifierWarmUp}) has ended: see {@link WarmedUpReadiness}. */
@Readiness
@ApplicationScoped
public class WarmedUpHealthCheck extends WarmedUpReadiness {

    private final NotifierWarmUp service;

    public WarmedUpHealthCheck(NotifierWarmUp service) {
        this.service = service;
    }

    @Override
    protected WarmUp warmUp() {
        return service.warmUp();
    }
}
