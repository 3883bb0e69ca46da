package io.workchain.esb.client;

import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Invoke(item) over REST with the reactive REST client (workchain.esb.gateway-transport=rest). */
@ApplicationScoped
public class RestGatewayTransport implements GatewayTransport {

    private final GatewayRestClient client;

    public RestGatewayTransport(@RestClient GatewayRestClient client) {
        this.client = client;
    }

    @Override
    public Uni<InvocationOutcome> invoke(Invocation invocation) {
        return client.invoke(invocation).onFailure().recoverWithUni(GatewayFailures::ofRest);
    }

    /** The gateway's liveness over the same REST client: the call is the point. */
    @Override
    public Uni<Void> ping() {
        return client.live();
    }
}
