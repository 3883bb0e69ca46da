package io.workchain.notifier.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workchain.common.limits.Reasons;
import io.workchain.notifier.query.ChainDirectory;
import io.workchain.notifier.query.ChainView;
import io.workchain.notifier.service.ChainState;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Chains as the console shows them: the list ({@code GET /chains}) and one chain with its timeline
 * ({@code GET /chains/{hash}}). Answered from whichever instance holds the chain: a chain another
 * notifier owns is asked of it, and the list gathers every instance's ({@code local=true} marks a
 * question from a peer, answered from this instance alone).
 */
@Path("/chains")
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern STATUS = Pattern.compile("RUNNING|COMPLETED|FAILED|WAITING_FOR_WORK");
    private static final int MAX_LIMIT = 500;

    private final ChainDirectory directory;

    public ChainResource(ChainDirectory directory) {
        this.directory = directory;
    }

    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("q") String text,
                         @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("local") boolean local,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (status != null && !status.isBlank() && !STATUS.matcher(status).matches()) {
            return error(400, "status must be RUNNING, COMPLETED, FAILED or WAITING_FOR_WORK");
        }
        if (limit < 1 || limit > MAX_LIMIT || (text != null && text.length() > 64)) {
            return error(400, "limit must be 1 to " + MAX_LIMIT + " and q at most 64 characters");
        }
        List<ObjectNode> chains;
        try {
            chains = new ArrayList<>(directory.localSummaries(status, text, limit));
        } catch (InvalidStateStoreException e) {
            return error(503, "the chain store is not ready; try again shortly");
        }
        ArrayNode unreachable = JsonNodeFactory.instance.arrayNode();
        int instances = 1;
        if (!local) {
            for (String peer : directory.peers()) {
                instances++;
                try {
                    ChainDirectory.PeerAnswer answer = directory.ask(peer, authorization, "/chains?local=true&limit=" + limit
                            + (status == null ? "" : "&status=" + encode(status)) + (text == null ? "" : "&q=" + encode(text)));
                    answer.body().path("chains").forEach(chain -> chains.add((ObjectNode) chain));
                } catch (IOException e) {
                    unreachable.add(peer);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return error(503, "interrupted");
                }
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("chains").addAll(ChainDirectory.newestFirst(chains, limit));
        body.put("instances", instances);
        body.set("unreachable", unreachable);
        return Response.ok(body.toString()).build();
    }

    @GET
    @Path("/{hash}")
    public Response chain(@PathParam("hash") String hash, @QueryParam("local") boolean local,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!HASH.matcher(hash).matches()) {
            return error(404, "no chain " + Reasons.bounded(hash, 64) + " here (a chain hash is 32 lowercase hex digits)");
        }
        ChainState state;
        try {
            if (!local) {
                var owner = directory.otherOwner(hash);
                if (owner.isPresent()) {
                    ChainDirectory.PeerAnswer answer = directory.ask(owner.get(), authorization, "/chains/" + hash + "?local=true");
                    return Response.status(answer.status()).entity(answer.body().toString()).build();
                }
            }
            state = directory.local(hash);
        } catch (InvalidStateStoreException e) {
            // Also while a rebalance moves the store: the question is fine, the answer comes shortly.
            return error(503, "the chain store is not ready; try again shortly");
        } catch (IOException e) {
            return error(503, "the notifier that holds this chain did not answer; try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "interrupted");
        }
        if (state == null) {
            return error(404, "no chain " + hash + " here (unknown, or removed after its retention)");
        }
        return Response.ok(ChainView.of(state).toString()).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Response error(int status, String message) {
        JsonNode body = JsonNodeFactory.instance.objectNode().put("error", message);
        return Response.status(status).entity(body.toString()).build();
    }
}
