package io.workchain.esb.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the ESB dispatches: {@code workchain.esb.*}. */
@ConfigMapping(prefix = "workchain.esb")
public interface EsbConfig {

    enum Transport { GRPC, REST }

    @WithDefault("grpc")
    Transport gatewayTransport();

    /** Calls to the gateway open at once, across all chains. */
    @WithDefault("16")
    int maxInFlight();

    /** Work records being processed at once. */
    @WithDefault("32")
    int maxConcurrentRecords();

    @WithDefault("30s")
    Duration attemptTimeout();

    Retry retry();

    interface Retry {
        @WithDefault("3")
        int maxRetries();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("5s")
        Duration maxBackoff();

        @WithDefault("0.5")
        double jitter();
    }
}
