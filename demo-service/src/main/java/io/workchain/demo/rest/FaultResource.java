package io.workchain.demo.rest;

import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.demo.service.CallRecorder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;

/** Fault injection for tests and demos: flaky, slow and failing answers. */
@Path("/api/faults")
@Tag(name = "Faults", description = "Fault injection: flaky, slow and failing answers")
@Produces(MediaType.APPLICATION_JSON)
public class FaultResource {

    private final CallRecorder recorder;

    public FaultResource(CallRecorder recorder) {
        this.recorder = recorder;
    }

    /** 503 for the first {@code failures} calls of an idempotency key, then 200 with the attempt count. */
    @POST
    @Path("/flaky")
    public Response flaky(@QueryParam("failures") @DefaultValue("2") int failures,
            @HeaderParam(CallHeaders.IDEMPOTENCY_KEY) String key, String body) {
        int attempt = recorder.attempt(key == null ? "no-key" : key);
        if (attempt <= failures) {
            return Response.status(503).entity("{\"attempt\":" + attempt + ",\"error\":\"flaky: try again\"}").build();
        }
        return Response.ok("{\"attempt\":" + attempt + ",\"ok\":true}").build();
    }

    /** 200 after {@code ms} milliseconds, without holding a thread. */
    @POST
    @Path("/slow")
    public Uni<String> slow(@QueryParam("ms") @DefaultValue("1000") long ms) {
        return Uni.createFrom().item("{\"slept_ms\":" + ms + "}").onItem().delayIt().by(Duration.ofMillis(ms));
    }

    /** Answers the given status, whatever it is (4xx, 5xx...). */
    @POST
    @Path("/status/{code}")
    public Response status(@PathParam("code") int code) {
        return Response.status(code).entity("{\"status\":" + code + "}").build();
    }

    @GET
    @Path("/status/{code}")
    public Response statusGet(@PathParam("code") int code) {
        return status(code);
    }
}
