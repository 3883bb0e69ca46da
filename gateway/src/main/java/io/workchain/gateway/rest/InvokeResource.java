package io.workchain.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.gateway.service.GatewayService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Invoke(item) over REST: {@code POST /invoke} with an Invocation as JSON. The outcome is always
 * 200 with its status inside (COMPLETED, ACCEPTED, FAILED), as over gRPC; a transport error is
 * the only non-200 answer.
 */
@Path("/invoke")
@Tag(name = "Gateway", description = "Calls a work item's target for the ESB (the same call over gRPC: ServiceGateway.Invoke)")
public class InvokeResource {

    private final GatewayService gateway;

    public InvokeResource(GatewayService gateway) {
        this.gateway = gateway;
    }

    @POST
    @Operation(summary = "Call one work item's target", description = "The outcome (COMPLETED, ACCEPTED or FAILED with its kind) is always in a 200 answer.")
    @APIResponse(responseCode = "200", description = "The outcome of the call")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<InvocationOutcome> invoke(Invocation invocation) {
        if (invocation == null) {
            return Uni.createFrom()
                    .item(InvocationOutcome.failed(FailureKind.BAD_REQUEST, "bad request: the body is empty", 0));
        }
        return gateway.invoke(invocation);
    }
}
