package io.workchain.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the gateway may call and how: {@code workchain.gateway.*}. */
@ConfigMapping(prefix = "workchain.gateway")
public interface GatewayConfig {

    /** Route name -> base URL (scheme, host, port, optional path). Routes may name internal addresses. */
    Map<String, String> routes();

    /**
     * Hosts an absolute item URL may name: exact names ({@code demo-service}), or {@code *.suffix}
     * for subdomains. Loopback, link-local and metadata addresses are refused even if listed.
     */
    Optional<List<String>> allowedHosts();

    /** How long one call to a service may take before it counts as a (retryable) timeout. */
    @WithDefault("10s")
    Duration callTimeout();

    /** The most bytes of a service's answer kept as response data. */
    @WithDefault("1048576")
    int maxResponseBytes();

    Tls tls();

    interface Tls {
        /** Trust any certificate: for tests against self-signed services only. */
        @WithDefault("false")
        boolean trustAll();

        /** PEM files of CAs to trust besides the JVM's. */
        Optional<List<String>> trustCertificatesPem();
    }
}
