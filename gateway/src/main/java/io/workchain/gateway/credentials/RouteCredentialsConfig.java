package io.workchain.gateway.credentials;

import io.smallrye.config.ConfigMapping;

import java.util.Map;

/**
 * What a route's calls carry to prove who the gateway is: {@code workchain.gateway.route-credentials.*},
 * each map keyed by route name. The values are references (an OIDC client's or a TLS configuration's
 * name) or come from the environment ({@code ${PARTNER_TOKEN}}, in a cluster from a Secret): none is
 * written in a file of the repository, and none is ever shown (see {@link SecretMasker}).
 */
@ConfigMapping(prefix = "workchain.gateway.route-credentials")
public interface RouteCredentialsConfig {

    /** Route -> header name -> value: sent with every call to that route's targets, and nowhere else. */
    Map<String, Map<String, String>> headers();

    /** Route -> the name of a {@code quarkus.oidc-client.<name>} client whose access token is sent as a bearer. */
    Map<String, String> oidcClient();

    /** Route -> the name of a {@code quarkus.tls.<name>} configuration (client certificate, trust) for its HTTPS calls. */
    Map<String, String> tlsConfiguration();

    /** Route -> Kafka producer setting -> value: SASL and TLS of a kafka:// route's producer. */
    Map<String, Map<String, String>> kafka();
}
