package io.workchain.demo.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.workchain.demo.service.TextOperations;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.function.Function;

/** Synchronous endpoints: the answer is the result, so the gateway's reply becomes the notification. */
@Path("/api/text")
@Tag(name = "Text", description = "Synchronous text operations: the answer is the result")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TextResource {

    @POST
    @Path("/upper")
    public JsonNode upper(JsonNode payload) {
        return apply(payload, TextOperations::upper);
    }

    @POST
    @Path("/reverse")
    public JsonNode reverse(JsonNode payload) {
        return apply(payload, TextOperations::reverse);
    }

    @POST
    @Path("/count")
    public JsonNode count(JsonNode payload) {
        return apply(payload, TextOperations::count);
    }

    @POST
    @Path("/sha256")
    public JsonNode sha256(JsonNode payload) {
        return apply(payload, TextOperations::sha256);
    }

    private static JsonNode apply(JsonNode payload, Function<String, JsonNode> operation) {
        return operation.apply(TextOperations.textOf(payload));
    }
}
