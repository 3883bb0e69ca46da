package io.workchain.gateway.client;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to all its addresses off the event loop (the JDK resolver blocks), so
 * that each can be checked before the call and the call made to a checked one.
 */
@ApplicationScoped
public class AddressLookup {

    public Uni<List<InetAddress>> all(String host) {
        return Uni.createFrom().item(() -> {
            try {
                return List.of(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
                throw new UnresolvedHostException(host);
            }
        })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The host has no address. */
    public static final class UnresolvedHostException extends RuntimeException {
        UnresolvedHostException(String host) {
            super("host '" + host + "' does not resolve", null, false, false);
        }
    }
}
