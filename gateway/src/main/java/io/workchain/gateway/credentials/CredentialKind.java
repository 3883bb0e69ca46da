package io.workchain.gateway.credentials;

import java.util.Locale;

/** The kinds of credential a route may use: what a listing of routes may show (never a value). */
public enum CredentialKind {
    /** Static headers (values from the environment or a Secret). */
    HEADERS,
    /** An OAuth2 access token from an OIDC client (client credentials). */
    OAUTH2,
    /** A client certificate and trust from a TLS configuration (mutual TLS). */
    CLIENT_CERTIFICATE,
    /** SASL and TLS settings of a kafka:// route's producer. */
    KAFKA_SECURITY;

    /** As a listing spells it: {@code headers}, {@code oauth2}, {@code client_certificate}, {@code kafka_security}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
