package io.workchain.gateway.warmup;

import io.quarkus.runtime.StartupEvent;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.limits.MessageLimits;
import io.workchain.common.warmup.ChainMessagesRound;
import io.workchain.common.warmup.WarmUp;
import io.workchain.gateway.config.GatewayConfig;
import io.workchain.gateway.service.CallbackGrants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts the gateway's warm-up (the messages, the callback grant and the answer's classification,
 * {@link CallRound}) when the service starts; readiness waits for it (health/WarmedUpHealthCheck).
 */
@ApplicationScoped
public class GatewayWarmUp {

    private final CallbackGrants grants;
    private final GatewayConfig config;
    private volatile WarmUp warmUp;

    public GatewayWarmUp(CallbackGrants grants, GatewayConfig config) {
        this.grants = grants;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        // The gateway reads no topic: the messages' round in the default format, as the ESB sends them.
        ChainMessagesRound messages = new ChainMessagesRound(MessageLimits.DEFAULTS, WireFormat.JSON);
        warmUp = WarmUp.inBackground("gateway", new CallRound(messages, grants), config.warmUp().rounds(),
                config.warmUp().limit());
    }

    /** The warm-up, once the service has started it. */
    public WarmUp warmUp() {
        return warmUp;
    }
}
