package io.workchain.gateway.credentials;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import io.workchain.common.gateway.InvocationOutcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * The hook of the HTTP caller: adds a route's credentials to a request that goes to that route's
 * targets (never to an allow-listed URL outside every route: the caller passes no route then) and
 * picks the client with the route's certificate. The answer is the masker for what the call
 * produces, which knows the values that were sent (the bearer token included).
 */
@ApplicationScoped
public class OutboundCredentials {

    private static final int UNAUTHORIZED = 401;

    private final RouteCredentials credentials;
    private final OAuthTokens tokens;
    private final RouteTlsClients tlsClients;

    public OutboundCredentials(RouteCredentials credentials, OAuthTokens tokens, RouteTlsClients tlsClients) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.tlsClients = tlsClients;
    }

    /**
     * Adds {@code route}'s headers and bearer token to {@code request}. Fails with
     * {@link CredentialsUnavailableException} when its token cannot be had now.
     */
    public Uni<SecretMasker> authorize(String route, RequestOptions request) {
        if (route == null) {
            return Uni.createFrom().item(SecretMasker.none());
        }
        Map<String, String> headers = credentials.headers(route);
        headers.forEach(request::putHeader);
        SecretMasker masker = credentials.masker(route);
        String client = credentials.oidcClient(route);
        if (client == null) {
            return Uni.createFrom().item(masker);
        }
        return tokens.accessToken(route, client).map(token -> {
            request.putHeader("Authorization", "Bearer " + token);
            return masker.and(SecretMasker.of(List.of(token)));
        });
    }

    /** What {@code route}'s target answered: a 401 to a bearer token has the next call fetch a new one. */
    public void answered(String route, InvocationOutcome outcome) {
        String client = credentials.oidcClient(route);
        if (client != null && outcome.httpStatus() == UNAUTHORIZED) {
            tokens.refused(client);
        }
    }

    /** The client for {@code route}'s calls: its own when it presents a certificate, else {@code shared}. */
    public HttpClient client(String route, HttpClient shared) {
        return tlsClients.of(route).orElse(shared);
    }
}
