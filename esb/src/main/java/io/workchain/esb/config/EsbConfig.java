package io.workchain.esb.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.workchain.common.limits.Limits;
import io.workchain.common.limits.MessageLimits;
import io.workchain.common.warmup.WarmUp;

import java.time.Duration;

/** How the ESB dispatches: {@code workchain.esb.*}. */
@ConfigMapping(prefix = "workchain.esb")
public interface EsbConfig {

    enum Transport {
        GRPC, REST
    }

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

    /**
     * Every record slot taken and none finished for this long: the ESB reports itself not ready
     * (readiness DOWN, {@code workchain_esb_progress_age_seconds}), so the operator sees held work.
     */
    @WithDefault("60s")
    Duration stallAfter();

    Retry retry();

    /**
     * The longest wait between tries while the gateway or a target cannot be reached: work is
     * held (never failed) through an outage, until the chain's deadline.
     */
    @WithDefault("10s")
    Duration outageMaxBackoff();

    /**
     * How long a target that has never answered may refuse connections before its item fails
     * (a typo'd port, a host that does not exist). A target that answered before is held as an
     * outage until the item's deadline.
     */
    @WithDefault("30s")
    Duration unreachableGrace();

    RecordLimits limits();

    Held held();

    WarmUpSettings warmUp();

    /**
     * The warm-up before ready ({@code workchain.esb.warm-up.*}, warmup/): the service's own per-chain code on
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
     * Records set aside while their work waits out an outage: they give their record slot back, so
     * work that waits never stops other chains'. Past either bound a waiting record keeps its slot.
     */
    interface Held {
        /** The most records set aside at once. */
        @WithDefault("1000")
        int maxRecords();

        /** The most bytes of records set aside at once (each record's value counts). */
        @WithDefault("33554432")
        long maxBytes();
    }

    /**
     * Bounds on what the ESB reads and writes ({@code workchain.esb.limits.*}). The notifier has
     * the same group under its own prefix: written once per service on purpose, since a
     * {@code @ConfigMapping} belongs to its service and {@code common} stays free of SmallRye Config;
     * the defaults themselves live once, in {@code common}'s {@code Limits}.
     */
    interface RecordLimits {
        @WithDefault("" + Limits.MAX_ITEMS)
        int maxItems();

        @WithDefault("" + Limits.MAX_PAYLOAD_CHARS)
        int maxPayloadChars();

        @WithDefault("" + Limits.MAX_RESPONSE_BYTES)
        int maxResponseChars();

        /** The largest record value the ESB writes: a notification that would be larger fails its item instead. */
        @WithDefault("" + Limits.MAX_RECORD_BYTES)
        int maxRecordBytes();

        default MessageLimits messageLimits() {
            return new MessageLimits(maxItems(), maxPayloadChars(), maxResponseChars());
        }
    }

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
