package io.workchain.demo.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "workchain.demo")
public interface DemoConfig {

    /** Delay before the asynchronous endpoint publishes its notification. */
    @WithDefault("2s")
    Duration asyncDelay();

    /** The most calls (and idempotency keys' attempts) GET /api/calls remembers: the latest ones. */
    @WithDefault("100000")
    int maxRecordedCalls();
}
