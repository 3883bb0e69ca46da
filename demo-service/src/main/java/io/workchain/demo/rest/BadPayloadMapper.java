package io.workchain.demo.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A payload the demo cannot work on is the caller's fault: 400 with the reason. */
public class BadPayloadMapper {

    @ServerExceptionMapper
    public Response badPayload(IllegalArgumentException error) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(JsonNodeFactory.instance.objectNode().put("error", error.getMessage())).build();
    }
}
