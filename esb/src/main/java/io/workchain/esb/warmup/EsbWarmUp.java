package io.workchain.esb.warmup;

import io.quarkus.runtime.StartupEvent;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.gateway.WarmUpInvocation;
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
 * ({@link StepRound}), and every {@value #PING_EVERY} rounds a call to the gateway over the
 * configured transport, which takes the call's own path through the client and the gateway's server
 * without side effect: by turns a ping (gRPC's health check, or the gateway's liveness over REST)
 * and the warm-up invocation ({@link WarmUpInvocation}: Invoke itself, which the gateway answers
 * without calling anything). Readiness waits for it (health/WarmedUpHealthCheck).
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
    /** Calls to the gateway so far; the warm-up's one thread only. */
    private long calls;

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
                new StepRound(messages, config.limits().maxPayloadChars()), this::callGateway, PING_EVERY);
        warmUp = WarmUp.inBackground("esb", round, config.warmUp().rounds(), config.warmUp().limit());
    }

    /** A ping first (a gateway that is not there throws, which ends the calls), then by turns. */
    boolean callGateway() {
        if (calls++ % 2 == 0) {
            gateway.ping().await().atMost(PING_TIMEOUT);
        } else {
            // Whatever the gateway answers (an older one refuses the route): the call is the point.
            gateway.invoke(WarmUpInvocation.create()).await().atMost(PING_TIMEOUT);
        }
        return true;
    }

    /** The warm-up, once the service has started it. */
    public WarmUp warmUp() {
        return warmUp;
    }
}
