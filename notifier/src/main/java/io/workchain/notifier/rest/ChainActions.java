package io.workchain.notifier.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workchain.common.OperatorHeaders;
import io.workchain.common.limits.Reasons;
import io.workchain.notifier.query.ChainDirectory;
import io.workchain.notifier.service.ChainControl;
import io.workchain.notifier.service.ControlRequest;
import io.workchain.notifier.service.ControlRequest.Action;
import io.workchain.notifier.stream.ControlTopic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * What an operator's {@code POST /chains/{hash}/retry} or {@code /cancel} does before the fold:
 * finds the chain (here, or on the instance that owns its partition), answers 404 for an unknown
 * one and 409 when its state cannot take the action (the fold's own rule, ChainControl.refusal),
 * else writes the request to the control topic and answers 202 with what was asked. It never
 * touches the store: the fold decides, and re-checks, since the chain may move on between this
 * look and the record's fold (a step ends, the deadline passes, another operator acts). The
 * chain's page then shows the outcome.
 */
@ApplicationScoped
public class ChainActions {

    private static final Logger LOG = Logger.getLogger(ChainActions.class);
    private static final Pattern ATTEMPT = Pattern.compile("[1-9][0-9]{0,8}");

    private final ChainDirectory directory;
    private final ControlTopic control;

    public ChainActions(ChainDirectory directory, ControlTopic control) {
        this.directory = directory;
        this.control = control;
    }

    /**
     * @param attempt       the {@code attempt} query parameter as given (null: a retry names the
     *                      chain's latest attempt as read now, a cancel whichever attempt runs)
     * @param by            who asks: the authenticated user, or "anonymous"
     * @param requestedBy   the {@link OperatorHeaders#REQUESTED_BY} header (null: refused, see there)
     * @param authorization the caller's credentials, for the peer that owns the chain
     */
    public Response request(Action action, String hash, String attempt, String by, String requestedBy,
            String authorization) {
        if (requestedBy == null || requestedBy.isBlank()) {
            return error(403,
                    "an operator's POST needs the " + OperatorHeaders.REQUESTED_BY + " header (any value): the "
                            + "console and the command line send it, a page of another site cannot");
        }
        Optional<Response> notAHash = ErrorAnswers.notAHash(hash);
        if (notAHash.isPresent()) {
            return notAHash.get();
        }
        if (attempt != null && !ATTEMPT.matcher(attempt).matches()) {
            return error(400, "attempt must be a whole number from 1, got '" + Reasons.bounded(attempt, 20) + "'");
        }
        ChainDirectory.PeerAnswer chain = ErrorAnswers.lookUp(() -> directory.find(hash, authorization));
        if (chain.status() != 200) {
            return Response.status(chain.status()).entity(chain.body().toString()).build();
        }
        String status = chain.body().path("status").asText();
        int latest = chain.body().path("attempt").asInt(1);
        Integer named = attempt != null ? Integer.valueOf(attempt) : action == Action.RETRY ? latest : null;
        Optional<String> refusal = ChainControl.refusal(action, status, latest, named);
        if (refusal.isPresent()) {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("error", refusal.get()).put("hash", hash)
                    .put("status", status).put("attempt", latest);
            return Response.status(409).entity(body.toString()).build();
        }
        ControlRequest request = new ControlRequest(action, hash, named, by, System.currentTimeMillis());
        try {
            control.send(request);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("could not write the %s of %s: %s", action.word(), hash, e.getMessage());
            return error(503, "could not pass the request on (Kafka did not take it in time); try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "interrupted");
        }
        LOG.infof("%s: %s of attempt %d requested by %s", hash, action.word(), named == null ? latest : named,
                request.by());
        return Response.accepted(accepted(request, named == null ? latest : named, status).toString()).build();
    }

    /** The 202's body: what was asked, of which attempt, by whom, and where to see what came of it. */
    private static ObjectNode accepted(ControlRequest request, int attempt, String status) {
        String what = request.action() == Action.RETRY
                ? "attempt " + (attempt + 1) + " will resume at the first step that did not complete"
                : "the chain will end CANCELLED and the ESB drop its work";
        return JsonNodeFactory.instance.objectNode().put("hash", request.hash()).put("action", request.action().word())
                .put("attempt", attempt).put("status", status).put("requested_by", request.by())
                .put("requested_at", Instant.ofEpochMilli(request.requestedAt()).toString())
                .put("message", request.action().word() + " of attempt " + attempt + " requested: " + what
                        + "; GET /chains/" + request.hash() + " shows the outcome");
    }

    private static Response error(int status, String message) {
        return ErrorAnswers.error(status, message);
    }
}
