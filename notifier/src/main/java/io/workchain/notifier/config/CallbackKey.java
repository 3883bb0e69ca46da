package io.workchain.notifier.config;

import io.quarkus.runtime.StartupEvent;
import io.workchain.common.callback.CallbackSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The callback key ({@code workchain.callback.key}) as the endpoint uses it: the signer that
 * verifies tokens and signs receipts, or none when callbacks are off. A key too short to be one
 * stops the service at startup (the message says how long it must be, never what it is).
 */
@ApplicationScoped
public class CallbackKey {

    private static final Logger LOG = Logger.getLogger(CallbackKey.class);

    private final Optional<CallbackSigner> signer;

    public CallbackKey(NotifierConfig config) {
        this.signer = CallbackSigner.of(config.callback().key());
    }

    public Optional<CallbackSigner> signer() {
        return signer;
    }

    void report(@Observes StartupEvent event) {
        LOG.info(signer.isPresent()
                ? "callbacks on: POST /callbacks/{hash}/{order}/{index} takes an item's answer with its token"
                : "callbacks off (workchain.callback.key is not set): POST /callbacks/... answers 404");
    }
}
