package io.workchain.notifier.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.workchain.notifier.service.ChainState;
import io.workchain.notifier.service.ChainView;
import io.workchain.notifier.stream.TopologyNames;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A chain's progress, read from the notifier's state store (interactive query). With several
 * notifier instances, a chain lives on the instance that owns its partition: ask that one
 * (README, "The notifier").
 */
@Path("/chains")
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {

    private final KafkaStreams streams;

    public ChainResource(KafkaStreams streams) {
        this.streams = streams;
    }

    @GET
    @Path("/{hash}")
    public Response chain(@PathParam("hash") String hash) {
        ChainState state;
        try {
            ReadOnlyKeyValueStore<String, ChainState> store = streams.store(StoreQueryParameters.fromNameAndType(
                    TopologyNames.CHAINS_STORE, QueryableStoreTypes.keyValueStore()));
            state = store.get(hash);
        } catch (InvalidStateStoreException e) {
            // Also while a rebalance moves the store: the question is fine, the answer comes shortly.
            return error(503, "the chain store is not ready (" + streams.state() + "); try again shortly");
        }
        if (state == null) {
            return error(404, "no chain " + io.workchain.common.limits.Reasons.bounded(hash, 64) + " here (unknown, or removed after its retention)");
        }
        return Response.ok(ChainView.of(state).toString()).build();
    }

    private static Response error(int status, String message) {
        return Response.status(status).entity(JsonNodeFactory.instance.objectNode().put("error", message).toString()).build();
    }
}
