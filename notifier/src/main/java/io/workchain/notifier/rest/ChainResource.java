package io.workchain.notifier.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.workchain.common.OperatorHeaders;
import io.workchain.notifier.query.ChainDirectory;
import io.workchain.notifier.service.ControlRequest.Action;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Chains as the console shows them: the list ({@code GET /chains}) and one chain with its timeline
 * ({@code GET /chains/{hash}}). Answered from whichever instance holds the chain: a chain another
 * notifier owns is asked of it, and the list gathers every instance's ({@code local=true} marks a
 * question from a peer, answered from this instance alone). And what operators may do to a chain
 * ({@code POST /chains/{hash}/retry}, {@code /cancel}: ChainActions), behind the same credentials.
 */
@Path("/chains")
@Tag(name = "Chains", description = "Chains as the console shows them, and what operators may do to them;"
        + " HTTP Basic as the operator when workchain.notifier.auth.enabled is on")
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {

    private static final Pattern STATUS = Pattern.compile("RUNNING|COMPLETED|FAILED|CANCELLED|WAITING_FOR_WORK");
    private static final int MAX_LIMIT = 500;

    private final ChainDirectory directory;
    private final ChainActions actions;
    private final SecurityIdentity identity;

    public ChainResource(ChainDirectory directory, ChainActions actions, SecurityIdentity identity) {
        this.directory = directory;
        this.actions = actions;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "List chains, newest first, from every notifier instance")
    @APIResponse(responseCode = "200", description = "The chains, the instances asked and those that did not answer")
    @APIResponse(responseCode = "400", description = "A bad status, limit or q")
    @APIResponse(responseCode = "503", description = "The chain store is not ready yet")
    public Response list(@QueryParam("status") String status, @QueryParam("q") String text,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("local") boolean local,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (status != null && !status.isBlank() && !STATUS.matcher(status).matches()) {
            return error(400, "status must be RUNNING, COMPLETED, FAILED, CANCELLED or WAITING_FOR_WORK");
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
                    ChainDirectory.PeerAnswer answer = directory.ask(peer, authorization,
                            "/chains?local=true&limit=" + limit
                                    + (status == null ? "" : "&status=" + encode(status))
                                    + (text == null ? "" : "&q=" + encode(text)));
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
    @Operation(summary = "One chain with its items and timeline")
    @APIResponse(responseCode = "200", description = "The chain")
    @APIResponse(responseCode = "404", description = "No such chain (or not a 32-hex-digit hash)")
    @APIResponse(responseCode = "503", description = "The store, or the notifier that holds the chain, is not ready")
    public Response chain(@PathParam("hash") String hash, @QueryParam("local") boolean local,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Optional<Response> notAHash = ErrorAnswers.notAHash(hash);
        if (notAHash.isPresent()) {
            return notAHash.get();
        }
        ChainDirectory.PeerAnswer answer = ErrorAnswers
                .lookUp(() -> local ? directory.findLocal(hash) : directory.find(hash, authorization));
        return Response.status(answer.status()).entity(answer.body().toString()).build();
    }

    /** Runs a FAILED (or timed-out) chain again from its first step that did not complete, as its next attempt. */
    @POST
    @Path("/{hash}/retry")
    @Operation(summary = "Retry a FAILED or timed-out chain from its first step that did not complete", description = "Needs the X-Workchain-Operator header; attempt (optional) names the attempt retried.")
    @APIResponse(responseCode = "202", description = "Asked: the chain's timeline shows the new attempt")
    @APIResponse(responseCode = "409", description = "The chain is not in a state that can be retried")
    public Response retry(@PathParam("hash") String hash, @QueryParam("attempt") String attempt,
            @HeaderParam(OperatorHeaders.REQUESTED_BY) String requestedBy,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return actions.request(Action.RETRY, hash, attempt, who(), requestedBy, authorization);
    }

    /** Ends a RUNNING chain as CANCELLED; the ESB drops the work it holds for it. */
    @POST
    @Path("/{hash}/cancel")
    @Operation(summary = "Cancel a RUNNING chain", description = "Needs the X-Workchain-Operator header; attempt (optional) names the attempt cancelled.")
    @APIResponse(responseCode = "202", description = "Asked: the chain ends CANCELLED with its completion")
    @APIResponse(responseCode = "409", description = "The chain is not running")
    public Response cancel(@PathParam("hash") String hash, @QueryParam("attempt") String attempt,
            @HeaderParam(OperatorHeaders.REQUESTED_BY) String requestedBy,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return actions.request(Action.CANCEL, hash, attempt, who(), requestedBy, authorization);
    }

    /** Who acts, for the chain's timeline: the authenticated user, or "anonymous" when the endpoints are open. */
    private String who() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Response error(int status, String message) {
        return ErrorAnswers.error(status, message);
    }
}
