package io.workchain.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code workchain.notifier.*} and the topic names. */
@ConfigMapping(prefix = "workchain")
public interface NotifierConfig {

    Topics topics();

    Notifier notifier();

    interface Topics {
        @WithDefault("workchain.work")
        String work();

        @WithDefault("workchain.notification")
        String notification();

        @WithDefault("workchain.completion")
        String completion();

        @WithDefault("workchain.dlq")
        String deadLetter();
    }

    interface Notifier {
        /**
         * How long a finished chain's state is kept: a duplicate of its work message arriving in
         * that time is ignored instead of starting the chain again. Also how long a chain whose
         * work message never came keeps its early notifications.
         */
        @WithDefault("7d")
        Duration retention();

        /** How often finished states are looked for and removed. */
        @WithDefault("1m")
        Duration cleanupInterval();
    }
}
