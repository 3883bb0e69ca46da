package io.workchain.esb.client;

import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The gateway's REST face: {@code POST /invoke}, and its liveness for the warm-up's calls. */
@RegisterRestClient(configKey = "gateway")
public interface GatewayRestClient {

    @POST
    @Path("/invoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<InvocationOutcome> invoke(Invocation invocation);

    /** The gateway's liveness (Quarkus's health endpoint): a call without side effect. */
    @GET
    @Path("/q/health/live")
    Uni<Void> live();
}
