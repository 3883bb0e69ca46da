package io.workchain.notifier.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.workchain.common.limits.Reasons;
import io.workchain.notifier.query.ChainDirectory;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The answers the notifier's endpoints give alike: a JSON error ({@code {"error": "why"}}), the 404
 * of a path that names no chain, and the 503s of a chain that cannot be looked up right now (the
 * store moving in a rebalance, the peer that holds the chain silent), so that the console, the
 * command line and a service's callback read one shape.
 */
final class ErrorAnswers {

    /** What a chain's hash looks like in a path: 32 lowercase hex digits. */
    static final Pattern HASH = Pattern.compile("[0-9a-f]{32}");

    private ErrorAnswers() {}

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(JsonNodeFactory.instance.objectNode().put("error", message).toString()).build();
    }

    /** 404 when {@code hash} cannot be a chain's hash, saying what one looks like. */
    static Optional<Response> notAHash(String hash) {
        return HASH.matcher(hash).matches()
                ? Optional.empty()
                : Optional.of(error(404,
                        "no chain " + Reasons.bounded(hash, 64) + " here (a chain hash is 32 lowercase hex digits)"));
    }

    /** A look-up of a chain, here or on the instance that holds it. */
    @FunctionalInterface
    interface Lookup {
        ChainDirectory.PeerAnswer find() throws IOException, InterruptedException;
    }

    /**
     * Runs a look-up; when it cannot be answered now, ends the request with a 503 saying why (the
     * question is fine: the answer comes shortly).
     */
    static ChainDirectory.PeerAnswer lookUp(Lookup lookup) {
        try {
            return lookup.find();
        } catch (InvalidStateStoreException e) {
            // Also while a rebalance moves the store.
            throw new WebApplicationException(error(503, "the chain store is not ready; try again shortly"));
        } catch (IOException e) {
            throw new WebApplicationException(
                    error(503, "the notifier that holds this chain did not answer; try again shortly"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebApplicationException(error(503, "interrupted"));
        }
    }
}
