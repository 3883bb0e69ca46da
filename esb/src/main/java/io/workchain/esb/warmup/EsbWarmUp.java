package io.workchain.esb.warmup;

import io.quarkus.runtime.StartupEvent;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.warmup.ChainMessagesRound;
import io.workchain.common.warmup.IoPathRound;
import io.workchain.common.warmup.WarmUp;
import io.workchain.esb.client.GatewayClient;
import io.workchain.esb.config.EsbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Starts the ESB's warm-up when the service starts: the messages and the step's request
 * ({@link StepRound}), and every {@value #PING_EVERY} rounds a ping to the gateway over the
 * configured transport (gRPC's health check, or the gateway's liveness over REST), which takes the
 * call's own path through the client and the gateway's server without side effect. Readiness waits
 * for it (health/WarmedUpHealthCheck).
 */
@ApplicationScoped
public class EsbWarmUp {

    /** A ping every so many rounds: 10,000 of the default 20,000, a few seconds on loopback. */
    static final int PING_EVERY = 2;
    /** A ping that takes longer: the gateway is not there (it ends the pings, not the warm-up). */
    static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final EsbConfig config;
    private final WireFormat format;
    private final GatewayClient gateway;
    private volatile WarmUp warmUp;

    public EsbWarmUp(EsbConfig config,
            @ConfigProperty(name = WireFormat.CONFIG_KEY, defaultValue = "json") WireFormat format,
            GatewayClient gateway) {
        this.config = config;
        this.format = format;
        this.gateway = gateway;
    }

    void start(@Observes StartupEvent event) {
        ChainMessagesRound messages = new ChainMessagesRound(config.limits().messageLimits(), format);
        Runnable round = new IoPathRound("the gateway over " + config.gatewayTransport(),
                new StepRound(messages, config.limits().maxPayloadChars()), this::pingGateway, PING_EVERY);
        warmUp = WarmUp.inBackground("esb", round, config.warmUp().rounds(), config.warmUp().limit());
    }

    private boolean pingGateway() {
        gateway.ping().await().atMost(PING_TIMEOUT);
        return true;
    }

    /** The warm-up, once the service has started it. */
    public WarmUp warmUp() {
        return warmUp;
    }
}
