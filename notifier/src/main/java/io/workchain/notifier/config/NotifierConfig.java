package io.workchain.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.workchain.common.Topics;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.limits.Deadlines;
import io.workchain.common.limits.Limits;
import io.workchain.common.limits.MessageLimits;
import io.workchain.common.warmup.WarmUp;
import io.workchain.notifier.service.FoldSettings;

import java.time.Duration;
import java.util.Optional;

/** {@code workchain.notifier.*} and the topic names. */
@ConfigMapping(prefix = "workchain")
public interface NotifierConfig {

    TopicNames topics();

    Notifier notifier();

    /** Callbacks: services that answered 202 answer later over HTTP ({@code workchain.callback.*}). */
    Callback callback();

    /** What the notifier writes its next steps and completions in ({@code workchain.wire-format}). */
    @WithDefault("json")
    WireFormat wireFormat();

    /** The topics; the defaults are common's {@link Topics}, the one list of names. */
    interface TopicNames {
        @WithDefault(Topics.WORK)
        String work();

        @WithDefault(Topics.STEPS)
        String steps();

        @WithDefault(Topics.NOTIFICATION)
        String notification();

        @WithDefault(Topics.COMPLETION)
        String completion();

        @WithDefault(Topics.DEAD_LETTER)
        String deadLetter();

        /** Operators' retries and cancels: the notifier's endpoints write it, its fold reads it. */
        @WithDefault(Topics.CONTROL)
        String control();
    }

    interface Callback {
        /**
         * The HMAC-SHA256 key that callback tokens are signed with (by the gateway) and verified
         * with (here), at least 32 characters, the same value in both services. A secret: from a
         * Kubernetes Secret or the environment. Not set: callbacks are off (POST /callbacks/... answers 404).
         */
        Optional<String> key();

        /** The largest body a callback may post (an item's response object), in bytes; larger is refused (413). */
        @WithDefault("" + Limits.MAX_RESPONSE_BYTES)
        int maxBodyBytes();
    }

    interface Notifier {
        WarmUpSettings warmUp();

        /**
         * The warm-up before ready ({@code workchain.notifier.warm-up.*}, warmup/): the service's own per-chain code on
         * made-up chains, no side effect. The same group in each service (a {@code @ConfigMapping}
         * belongs to its service); the defaults live once, in {@code common}'s {@code WarmUp}.
         */
        interface WarmUpSettings {
            /** Rounds at most; 0: no warm-up. */
            @WithDefault("" + WarmUp.DEFAULT_ROUNDS)
            int rounds();

            /** How long at most, whatever the rounds. */
            @WithDefault(WarmUp.DEFAULT_LIMIT)
            Duration limit();
        }

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

        /**
         * A record that comes at least this long after the one before (the stream thread was idle),
         * that one having come as long after its own (a steady low rate, not a burst's first), and
         * that was written less than this long before, commits its transaction at once instead of at
         * the end of the commit interval, so what it forwards is seen sooner; under load records come
         * closer, or have waited, and the interval alone decides (stream/PromptCommits). 0 (the
         * default): never at once; measured, it shortens the p50 at a low rate and cost tails at
         * middling rates in some runs (docs/performance.md, "Prompt commits at a quiet moment").
         */
        @WithDefault("0ms")
        Duration promptCommitAfterIdle();

        /** A chain's deadline, from its acceptance, when its work message has no timeout_ms. */
        @WithDefault(Deadlines.DEFAULT_CHAIN_TIMEOUT)
        Duration chainTimeout();

        /** The longest deadline a work message's timeout_ms may ask for. */
        @WithDefault(Deadlines.MAX_CHAIN_TIMEOUT)
        Duration maxChainTimeout();

        /**
         * How long a dispatched item may stay unanswered when it has no timeout_ms of its own
         * (stamped on every step, so the ESB holds the item no longer).
         */
        @WithDefault(Deadlines.DEFAULT_ITEM_TIMEOUT)
        Duration itemTimeout();

        /** How long notifications for a hash with no work message are kept before being dead-lettered. */
        @WithDefault("10m")
        Duration earlyTtl();

        /** How many notifications are kept per hash while its work message has not come. */
        @WithDefault("100")
        int maxEarlyNotifications();

        RecordLimits limits();

        /** Who may read chains: {@code workchain.notifier.auth.*} (see OperatorAccess). */
        Auth auth();

        interface Auth {
            /**
             * Whether GET /chains, the console and the operator's POSTs (retry, cancel) need the
             * operator's credentials (HTTP Basic, user "operator", password
             * QUARKUS_SECURITY_USERS_EMBEDDED_USERS_OPERATOR). Off in local runs.
             */
            @WithDefault("false")
            boolean enabled();
        }

        /**
         * Bounds on what the notifier reads and writes ({@code workchain.notifier.limits.*}): the
         * ESB's group under another prefix, written per service on purpose (see EsbConfig.RecordLimits);
         * the defaults live once, in {@code common}'s {@code Limits}.
         */
        interface RecordLimits {
            @WithDefault("" + Limits.MAX_ITEMS)
            int maxItems();

            @WithDefault("" + Limits.MAX_PAYLOAD_CHARS)
            int maxPayloadChars();

            @WithDefault("" + Limits.MAX_RESPONSE_BYTES)
            int maxResponseChars();

            /** The largest record value written: a chain's state, next step or completion. */
            @WithDefault("" + Limits.MAX_RECORD_BYTES)
            int maxRecordBytes();

            default MessageLimits messageLimits() {
                return new MessageLimits(maxItems(), maxPayloadChars(), maxResponseChars());
            }
        }

        default FoldSettings foldSettings() {
            return new FoldSettings(chainTimeout(), maxChainTimeout(), itemTimeout(),
                    retention(), earlyTtl(), maxEarlyNotifications(), limits().maxRecordBytes());
        }
    }
}
