package io.workchain.esb.warmup;

import io.quarkus.runtime.StartupEvent;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.warmup.ChainMessagesRound;
import io.workchain.common.warmup.WarmUp;
import io.workchain.esb.config.EsbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the ESB's warm-up (the messages and the step's request, {@link StepRound}) when the
 * service starts; readiness waits for it (health/WarmedUpHealthCheck).
 */
@ApplicationScoped
public class EsbWarmUp {

    private final EsbConfig config;
    private final WireFormat format;
    private volatile WarmUp warmUp;

    public EsbWarmUp(EsbConfig config,
            @ConfigProperty(name = WireFormat.CONFIG_KEY, defaultValue = "json") WireFormat format) {
        this.config = config;
        this.format = format;
    }

    void start(@Observes StartupEvent event) {
        ChainMessagesRound messages = new ChainMessagesRound(config.limits().messageLimits(), format);
        warmUp = WarmUp.inBackground("esb", new StepRound(messages, config.limits().maxPayloadChars()),
                config.warmUp().rounds(), config.warmUp().limit());
    }

    /** The warm-up, once the service has started it. */
    public WarmUp warmUp() {
        return warmUp;
    }
}
