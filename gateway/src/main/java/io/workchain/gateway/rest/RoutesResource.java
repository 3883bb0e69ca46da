package io.workchain.gateway.rest;

import io.workchain.gateway.credentials.RouteCredentials;
import io.workchain.gateway.policy.RoutePolicies;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code GET /routes}: what an operator asks first when a target misbehaves: each route, where it
 * goes (credentials masked), the kinds of credential it carries, the policy that applies to it,
 * its calls in flight and the state of the circuit to its target. Read-only; the routes are few (configuration), so no paging.
 */
@Path("/routes")
public class RoutesResource {

    private final RoutePolicies policies;
    private final RouteCredentials credentials;

    public RoutesResource(RoutePolicies policies, RouteCredentials credentials) {
        this.policies = policies;
        this.credentials = credentials;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<RouteView> routes() {
        return policies.all().stream().map(guard -> RouteView.of(guard, credentials.kinds(guard.route()))).toList();
    }
}
