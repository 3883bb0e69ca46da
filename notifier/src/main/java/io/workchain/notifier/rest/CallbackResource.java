package io.workchain.notifier.rest;

import io.workchain.common.callback.CallbackHeaders;
import io.workchain.common.gateway.CallHeaders;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;

/**
 * {@code POST /callbacks/{hash}/{order}/{index}}: a service that answered an item 202 posts the
 * item's answer (a response object, as in a Notification Message) with the callback token the
 * gateway gave it ({@code Authorization: Bearer <token>} or the {@code Workchain-Callback-Token}
 * header). The token is the credential: this path is not behind the operator's login (a service
 * has no operator's password), and nothing else is accepted on it. See CallbackAnswers.
 */
@Path("/callbacks")
@Produces(MediaType.APPLICATION_JSON)
public class CallbackResource {

    private final CallbackAnswers answers;

    public CallbackResource(CallbackAnswers answers) {
        this.answers = answers;
    }

    @POST
    @Path("/{hash}/{order}/{index}")
    public Response answer(@PathParam("hash") String hash, @PathParam("order") String order,
            @PathParam("index") String index, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(CallbackHeaders.TOKEN) String tokenHeader,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            @HeaderParam(CallHeaders.TRACEPARENT) String traceparent, InputStream body) {
        return answers.answer(new CallbackAnswers.Call(hash, order, index, token(authorization, tokenHeader),
                contentLength, traceparent), body);
    }

    /** The bearer token, or the token header's; null when neither is there. */
    private static String token(String authorization, String tokenHeader) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return tokenHeader == null ? null : tokenHeader.strip();
    }
}
