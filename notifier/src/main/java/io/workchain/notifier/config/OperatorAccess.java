package io.workchain.notifier.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The notifier's HTTP endpoints list hashes, responses and endpoints: with
 * {@code workchain.notifier.auth.enabled} they need the operator's credentials (HTTP Basic, see
 * application.properties). Switched on without a password, the service would accept an empty
 * one: it refuses to start instead, saying what is missing.
 */
@ApplicationScoped
public class OperatorAccess {

    /** The setting that switches it on. */
    public static final String ENABLED = "workchain.notifier.auth.enabled";

    private static final Logger LOG = Logger.getLogger(OperatorAccess.class);

    private final boolean enabled;
    private final Optional<String> password;

    public OperatorAccess(NotifierConfig config,
            @ConfigProperty(name = "quarkus.security.users.embedded.users.operator") Optional<String> password) {
        this.enabled = config.notifier().auth().enabled();
        this.password = password;
    }

    void check(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.info("GET /chains and the console are open (" + ENABLED + "=false): keep the notifier's port private");
            return;
        }
        if (password.filter(p -> !p.isBlank()).isEmpty()) {
            throw new IllegalStateException(ENABLED
                    + " is true but the operator has no password: set QUARKUS_SECURITY_USERS_EMBEDDED_USERS_OPERATOR");
        }
        LOG.info("GET /chains and the console need the operator's credentials (HTTP Basic)");
    }
}
