package io.workchain.gateway.credentials;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of the OIDC clients routes name ({@code quarkus.oidc-client.<name>.*}, grant
 * client_credentials), fetched without blocking and kept until they expire (or enter the client's
 * refresh interval): every call to a route between two fetches reuses one token, and calls that
 * arrive while a token is being fetched wait for that same fetch. A token endpoint that refuses or
 * cannot be reached is an outage of the route ({@link CredentialsUnavailableException}): the call is
 * not made, the work waits like for a target that is down, and the next call fetches again. A token
 * a target refuses (401, revoked before its expiry) is fetched again for the next call.
 */
@ApplicationScoped
public class OAuthTokens {

    private static final Logger LOG = Logger.getLogger(OAuthTokens.class);

    private final OidcClients clients;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    public OAuthTokens(OidcClients clients) {
        this.clients = clients;
    }

    /** The access token of OIDC client {@code client}, for a call to {@code route}. */
    public Uni<String> accessToken(String route, String client) {
        return tokens.computeIfAbsent(client, CachedToken::new).get()
                .onFailure().transform(error -> {
                    // Neither the token endpoint's answer nor the exception's text is repeated: either
                    // may quote what was sent (the client's secret). The kind of failure says enough.
                    String why = "could not get an access token for route '" + route + "' from OIDC client '" + client
                            + "' (" + error.getClass().getSimpleName() + ")";
                    LOG.warn(why);
                    return new CredentialsUnavailableException(why);
                });
    }

    /** The token of {@code client} was refused (a 401): the next call fetches a new one rather than wait for its expiry. */
    public void refused(String client) {
        CachedToken cached = tokens.get(client);
        if (cached != null) {
            cached.failed = true;
        }
    }

    /** One client's token: fetched once, shared while valid, fetched again once expired or after a failure. */
    private final class CachedToken {
        private final String client;
        private volatile Tokens current;
        private volatile boolean failed;
        private final Uni<Tokens> shared;

        CachedToken(String client) {
            this.client = client;
            this.shared = Uni.createFrom().deferred(this::fetch).memoize().until(this::stale);
        }

        Uni<String> get() {
            return shared.map(Tokens::getAccessToken);
        }

        private Uni<Tokens> fetch() {
            failed = false;
            current = null;
            OidcClient oidc = clients.getClient(client);
            return oidc.getTokens()
                    .invoke(tokens -> current = tokens)
                    .onFailure().invoke(error -> failed = true);
        }

        /** Checked on every call: after a failed fetch, a refused token or near its expiry, fetched again. */
        private boolean stale() {
            Tokens tokens = current;
            return failed || tokens != null
                    && (tokens.isAccessTokenExpired() || tokens.isAccessTokenWithinRefreshInterval());
        }
    }
}
