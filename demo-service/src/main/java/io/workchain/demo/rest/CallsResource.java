package io.workchain.demo.rest;

import io.workchain.demo.service.CallRecorder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** What the demo service has received: for tests and for watching a demo. */
@Path("/api/calls")
@Tag(name = "Calls", description = "What the demo service has received, for tests and demos")
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {

    private final CallRecorder recorder;

    public CallsResource(CallRecorder recorder) {
        this.recorder = recorder;
    }

    /** Calls received, all or those of one chain. */
    @GET
    public List<CallRecorder.Call> calls(@QueryParam("hash") String hash) {
        return recorder.calls(hash);
    }

    /** Calls open now and the most open at once since the last reset. */
    @GET
    @Path("/concurrency")
    public Map<String, Integer> concurrency() {
        return Map.of("open", recorder.open(), "max", recorder.maxOpen());
    }

    /** Calls not answered yet, all or those of one chain: which of a chain's items is under way now. */
    @GET
    @Path("/open")
    public List<CallRecorder.OpenCall> open(@QueryParam("hash") String hash) {
        return recorder.openCalls(hash);
    }

    @DELETE
    public void reset() {
        recorder.reset();
    }
}
