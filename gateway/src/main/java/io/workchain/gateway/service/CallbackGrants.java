package io.workchain.gateway.service;

import io.quarkus.runtime.StartupEvent;
import io.workchain.common.callback.CallbackSigner;
import io.workchain.common.callback.CallbackToken;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.limits.Deadlines;
import io.workchain.gateway.config.CallbackConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What the gateway gives an HTTP service with each call, so that it can answer a 202 later over
 * HTTP: a callback token for that one item (signed with {@code workchain.callback.key}, expiring
 * at the item's deadline) and the URL to post the answer to. Nothing without a key (callbacks
 * off). A key without a public URL, a short key or a URL that is not http(s) stops the service at
 * startup, saying which (never the key).
 */
@ApplicationScoped
public class CallbackGrants {

    /** One item's token and where to use it. */
    public record Grant(String token, String url) {}

    private static final Logger LOG = Logger.getLogger(CallbackGrants.class);
    /** The token's lifetime when the ESB did not say the item's deadline: the default item timeout. */
    static final Duration UNKNOWN_DEADLINE_LIFETIME = Duration.parse("PT" + Deadlines.DEFAULT_ITEM_TIMEOUT);

    private final Optional<CallbackSigner> signer;
    private final String base;

    public CallbackGrants(CallbackConfig config) {
        this.signer = CallbackSigner.of(config.key());
        this.base = signer.isEmpty() ? null : base(config.publicUrl());
    }

    void report(@Observes StartupEvent event) {
        LOG.info(signer.isPresent()
                ? "callbacks on: HTTP services get a callback token and URL (" + base + "/callbacks/...) per item"
                : "callbacks off (workchain.callback.key is not set): no callback token is sent");
    }

    /** The grant for this call, or empty when callbacks are off. */
    public Optional<Grant> grant(Invocation invocation, long now) {
        if (signer.isEmpty()) {
            return Optional.empty();
        }
        long expires = invocation.deadline() != null
                ? invocation.deadline()
                : now + UNKNOWN_DEADLINE_LIFETIME.toMillis();
        String token = signer.get().sign(new CallbackToken(invocation.hash(), invocation.order(), invocation.index(),
                now, expires));
        return Optional.of(new Grant(token,
                base + "/callbacks/" + invocation.hash() + "/" + invocation.order() + "/" + invocation.index()));
    }

    private static String base(Optional<String> publicUrl) {
        String url = publicUrl.map(String::strip).orElseThrow(() -> new IllegalStateException(
                "workchain.callback.key is set but workchain.callback.public-url is not: services would get a token "
                        + "and nowhere to use it (set the notifier's URL as services reach it)"));
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("workchain.callback.public-url is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
            throw new IllegalStateException(
                    "workchain.callback.public-url must be an http(s) URL with a host and no user info");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
