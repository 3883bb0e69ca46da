package io.workchain.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.workchain.common.limits.Limits;
import io.workchain.common.warmup.WarmUp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the gateway may call and how: {@code workchain.gateway.*}. */
@ConfigMapping(prefix = "workchain.gateway")
public interface GatewayConfig {

    /** Route name -> base URL (scheme, host, port, optional path). Routes may name internal addresses. */
    Map<String, String> routes();

    /** What a route's targets receive: the item's payload (default) or the whole work message. */
    enum RouteBody {
        PAYLOAD, WORK_MESSAGE, WORK_MESSAGE_PROTOBUF
    }

    /**
     * Route name -> {@code payload} (default), {@code work-message} (the chain as JSON) or
     * {@code work-message-protobuf} (the chain as a protobuf Envelope).
     */
    Map<String, RouteBody> routeBodies();

    /**
     * Hosts an absolute item URL may name: exact names ({@code demo-service}), or {@code *.suffix}
     * for subdomains. Loopback, link-local and metadata addresses are refused even if listed.
     */
    Optional<List<String>> allowedHosts();

    WarmUpSettings warmUp();

    /**
     * The warm-up before ready ({@code workchain.gateway.warm-up.*}, warmup/): the service's own per-chain code on
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

    /** How long one call to a service may take before it counts as a (retryable) timeout. */
    @WithDefault("10s")
    Duration callTimeout();

    /**
     * The most bytes of a service's answer: the body is read as it streams in, and a longer one is
     * aborted (FAILED, not retryable, saying so).
     */
    @WithDefault("" + Limits.MAX_RESPONSE_BYTES)
    int maxResponseBytes();

    /**
     * Whether absolute URLs may reach private addresses (RFC 1918, carrier-grade NAT, IPv6 unique
     * local). Routes may always name them; loopback, link-local and metadata stay refused.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** Connections kept open to one target (host and port) at once. */
    @WithDefault("32")
    int maxConnectionsPerTarget();

    /**
     * Route name -> that route's own policy (retries, call timeout, calls in flight, calls per
     * second, circuit breaker). A route without an entry, and every setting an entry leaves out,
     * keeps the gateway's global behaviour.
     */
    Map<String, RoutePolicy> routePolicies();

    /**
     * The longest one invocation may take with its route's retries, backoffs and a wait for a
     * bulkhead slot: a route policy whose worst case is longer is refused at startup. Kept below
     * the ESB's {@code workchain.esb.attempt-timeout} (30s), so the gateway answers before the ESB
     * gives the attempt up (and calls again while the first call still runs).
     */
    @WithDefault("25s")
    Duration maxInvocationTime();

    Tls tls();

    Amqp amqp();

    /** One route's policy: {@code workchain.gateway.route-policies."<route>".*}. */
    interface RoutePolicy {
        /**
         * Calls again within the same invocation after a retryable answer, a timeout or no
         * connection (0: none, the ESB's own retries stay the only ones).
         */
        @WithDefault("0")
        int retries();

        /** The wait before the first of those retries, doubled for each next one. */
        @WithDefault("200ms")
        Duration backoff();

        /** This route's call timeout (HTTP(S) routes), instead of workchain.gateway.call-timeout. */
        Optional<Duration> callTimeout();

        /** The most calls to this route under way at once (0: no limit beyond the connection pool). */
        @WithDefault("0")
        int maxInFlight();

        /** The most calls started in each one-second window (0: no limit). */
        @WithDefault("0")
        int maxPerSecond();

        CircuitBreaker circuitBreaker();
    }

    /** A route's circuit breaker: off while request-volume is 0. */
    interface CircuitBreaker {
        /** Calls looked at (the rolling window); the circuit opens when enough of them failed. 0: no circuit breaker. */
        @WithDefault("0")
        int requestVolume();

        /** The share of failed calls (5xx, 408, 429, timeouts, no connection) in the window that opens the circuit. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long the circuit stays open before one trial call (half-open). */
        @WithDefault("5s")
        Duration delay();
    }

    Kafka kafka();

    /** What KAFKA items may publish to. */
    interface Kafka {
        /**
         * Topics no KAFKA item may publish to, by prefix: Workchain's own ({@code workchain.*}), the
         * notifier's internal ones ({@code workchain-notifier-*}, its changelogs) and Kafka's
         * ({@code __*}). A forged result on the notification topic, or a record in a changelog that
         * the notifier cannot restore, must not be one item away.
         */
        @WithDefault("workchain.,workchain-,__")
        List<String> forbiddenTopicPrefixes();

        /**
         * Route name -> the only topics that route's items may publish to (names, or prefixes ending
         * in {@code *}). Listed there, a topic is allowed even under a forbidden prefix.
         */
        Map<String, List<String>> routeTopics();
    }

    interface Amqp {
        /** An AMQP connection unused this long is closed (checked every workchain.gateway.amqp.idle-check). */
        @WithDefault("60s")
        Duration idleTimeout();

        /** How often idle AMQP connections are looked for (read by the scheduler as an expression). */
        @WithDefault("30s")
        Duration idleCheck();

        /** AMQP targets with an open connection at once; past it, the least recently used is closed. */
        @WithDefault("64")
        int maxConnections();
    }

    interface Tls {
        /** Trust any certificate: for tests against self-signed services only. */
        @WithDefault("false")
        boolean trustAll();

        /** PEM files of CAs to trust besides the JVM's. */
        Optional<List<String>> trustCertificatesPem();
    }
}
