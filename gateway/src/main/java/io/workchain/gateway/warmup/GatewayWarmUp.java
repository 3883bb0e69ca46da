package io.workchain.gateway.warmup;

import io.quarkus.runtime.StartupEvent;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.limits.MessageLimits;
import io.workchain.common.warmup.ChainMessagesRound;
import io.workchain.common.warmup.IoPathRound;
import io.workchain.common.warmup.WarmUp;
import io.workchain.gateway.config.GatewayConfig;
import io.workchain.gateway.service.CallbackGrants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts the gateway's warm-up when the service starts: the messages, the callback grant and the
 * answer's classification ({@link CallRound}), and every {@value #CALL_EVERY} rounds one call of its
 * HTTP client to its own liveness ({@link OwnLivenessCall}). Its gRPC server is warmed by the ESB's
 * pings (the ESB's warm-up). Readiness waits for it (health/WarmedUpHealthCheck).
 */
@ApplicationScoped
public class GatewayWarmUp {

    /** A call every so many rounds: 10,000 of the default 20,000, a few seconds on loopback. */
    static final int CALL_EVERY = 2;

    private final CallbackGrants grants;
    private final GatewayConfig config;
    private final OwnLivenessCall ownLiveness;
    private volatile WarmUp warmUp;

    public GatewayWarmUp(CallbackGrants grants, GatewayConfig config, OwnLivenessCall ownLiveness) {
        this.grants = grants;
        this.config = config;
        this.ownLiveness = ownLiveness;
    }

    void start(@Observes StartupEvent event) {
        // The gateway reads no topic: the messages' round in the default format, as the ESB sends them.
        ChainMessagesRound messages = new ChainMessagesRound(MessageLimits.DEFAULTS, WireFormat.JSON);
        Runnable round = new IoPathRound("the gateway's own liveness over its HTTP client",
                new CallRound(messages, grants), ownLiveness, CALL_EVERY);
        warmUp = WarmUp.inBackground("gateway", round, config.warmUp().rounds(), config.warmUp().limit());
    }

    /** The warm-up, once the service has started it. */
    public WarmUp warmUp() {
        return warmUp;
    }
}
