package io.workchain.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code workchain.notifier.*} and the topic names. */
@ConfigMapping(prefix = "workchain")
public interface NotifierConfig {

    Topics topics();

    Notifier notifier();

    /** What the notifier writes its next steps and completions in ({@code workchain.wire-format}). */
    @WithDefault("json")
    io.workchain.common.codec.WireFormat wireFormat();

    /** The topics; the defaults are common's {@link io.workchain.common.Topics}, the one list of names. */
    interface Topics {
        @WithDefault(io.workchain.common.Topics.WORK)
        String work();

        @WithDefault(io.workchain.common.Topics.STEPS)
        String steps();

        @WithDefault(io.workchain.common.Topics.NOTIFICATION)
        String notification();

        @WithDefault(io.workchain.common.Topics.COMPLETION)
        String completion();

        @WithDefault(io.workchain.common.Topics.DEAD_LETTER)
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

        /** How often the chains' timers (deadlines, item timeouts, expiry, removal) are checked. */
        @WithDefault("1s")
        Duration timerInterval();

        /** A chain's deadline, from its acceptance, when its work message has no timeout_ms. */
        @WithDefault("1h")
        Duration chainTimeout();

        /** The longest deadline a work message's timeout_ms may ask for. */
        @WithDefault("1d")
        Duration maxChainTimeout();

        /** How long a dispatched item may stay unanswered when it has no timeout_ms of its own. */
        @WithDefault("10m")
        Duration itemTimeout();

        /** How long notifications for a hash with no work message are kept before being dead-lettered. */
        @WithDefault("10m")
        Duration earlyTtl();

        /** How many notifications are kept per hash while its work message has not come. */
        @WithDefault("100")
        int maxEarlyNotifications();

        Limits limits();

        /** Who may read chains: {@code workchain.notifier.auth.*} (see OperatorAccess). */
        Auth auth();

        interface Auth {
            /**
             * Whether GET /chains and the console need the operator's credentials (HTTP Basic,
             * user "operator", password QUARKUS_SECURITY_USERS_EMBEDDED_USERS_OPERATOR). Off in local runs.
             */
            @WithDefault("false")
            boolean enabled();
        }

        /**
         * Bounds on what the notifier reads and writes ({@code workchain.notifier.limits.*}): the
         * ESB's group under another prefix, written per service on purpose (see EsbConfig.Limits);
         * the defaults live once, in {@code common}'s {@code Limits}.
         */
        interface Limits {
            @WithDefault("" + io.workchain.common.limits.Limits.MAX_ITEMS)
            int maxItems();

            @WithDefault("" + io.workchain.common.limits.Limits.MAX_PAYLOAD_CHARS)
            int maxPayloadChars();

            @WithDefault("" + io.workchain.common.limits.Limits.MAX_RESPONSE_BYTES)
            int maxResponseChars();

            /** The largest record value written: a chain's state, next step or completion. */
            @WithDefault("" + io.workchain.common.limits.Limits.MAX_RECORD_BYTES)
            int maxRecordBytes();

            default io.workchain.common.limits.MessageLimits messageLimits() {
                return new io.workchain.common.limits.MessageLimits(maxItems(), maxPayloadChars(), maxResponseChars());
            }
        }

        default io.workchain.notifier.service.FoldSettings foldSettings() {
            return new io.workchain.notifier.service.FoldSettings(chainTimeout(), maxChainTimeout(), itemTimeout(),
                    retention(), earlyTtl(), maxEarlyNotifications(), limits().maxRecordBytes());
        }
    }
}
