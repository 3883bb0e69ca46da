package io.workchain.gateway.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * Callbacks for services that answer 202 and cannot reach Kafka: {@code workchain.callback.*},
 * the key shared with the notifier (which verifies what the gateway signs) and where services
 * reach the notifier's callback endpoint. Without a key, callbacks are off: no token is sent.
 */
@ConfigMapping(prefix = "workchain.callback")
public interface CallbackConfig {

    /**
     * The HMAC-SHA256 key callback tokens are signed with, at least 32 characters; the same value
     * as the notifier's. A secret: from a Kubernetes Secret or the environment, never in a file.
     */
    Optional<String> key();

    /**
     * The notifier's base URL as the called services reach it (e.g. {@code https://workchain.example.com});
     * each item's callback URL is {@code <public-url>/callbacks/<hash>/<order>/<index>}. Required with a key.
     */
    Optional<String> publicUrl();
}
