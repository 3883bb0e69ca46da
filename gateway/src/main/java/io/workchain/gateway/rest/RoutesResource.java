package io.workchain.gateway.rest;

import io.workchain.gateway.policy.RoutePolicies;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code GET /routes}: what an operator asks first when a target misbehaves: each route, where it
 * goes (credentials masked), the policy that applies to it, its calls in flight and the state of
 * the circuit to its target. Read-only; the routes are few (configuration), so no paging.
 */
@Path("/routes")
public class RoutesResource {

    private final RoutePolicies policies;

    public RoutesResource(RoutePolicies policies) {
        this.policies = policies;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<RouteView> routes() {
        return policies.all().stream().map(RouteView::of).toList();
    }
}
