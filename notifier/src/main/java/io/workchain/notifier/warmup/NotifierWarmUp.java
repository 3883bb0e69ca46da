package io.workchain.notifier.warmup;

import io.quarkus.runtime.StartupEvent;
import io.workchain.common.warmup.ChainMessagesRound;
import io.workchain.common.warmup.WarmUp;
import io.workchain.notifier.config.NotifierConfig;
import io.workchain.notifier.service.ChainFold;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts the notifier's warm-up (the messages and the fold, {@link FoldRound}) when the service
 * starts; readiness waits for it (health/WarmedUpHealthCheck).
 */
@ApplicationScoped
public class NotifierWarmUp {

    private final NotifierConfig config;
    private volatile WarmUp warmUp;

    public NotifierWarmUp(NotifierConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        ChainMessagesRound messages = new ChainMessagesRound(config.notifier().limits().messageLimits(),
                config.wireFormat());
        warmUp = WarmUp.inBackground("notifier",
                new FoldRound(messages, new ChainFold(config.notifier().foldSettings())),
                config.notifier().warmUp().rounds(), config.notifier().warmUp().limit());
    }

    /** The warm-up, once the service has started it. */
    public WarmUp warmUp() {
        return warmUp;
    }
}
