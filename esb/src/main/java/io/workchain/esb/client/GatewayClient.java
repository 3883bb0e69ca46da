package io.workchain.esb.client;

import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.esb.config.EsbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

/** The gateway through the configured transport (workchain.esb.gateway-transport). */
@ApplicationScoped
public class GatewayClient {

    private static final Logger LOG = Logger.getLogger(GatewayClient.class);

    private final GatewayTransport transport;

    @jakarta.inject.Inject
    public GatewayClient(EsbConfig config, Instance<GrpcGatewayTransport> grpc, Instance<RestGatewayTransport> rest) {
        this.transport = config.gatewayTransport() == EsbConfig.Transport.REST ? rest.get() : grpc.get();
        LOG.infof("reaching the Service Gateway over %s", config.gatewayTransport());
    }

    /** Over a given transport: for tests of what sits above it (a stub stands in for the gateway). */
    public GatewayClient(GatewayTransport transport) {
        this.transport = transport;
    }

    public Uni<InvocationOutcome> invoke(Invocation invocation) {
        return transport.invoke(invocation);
    }

    /** A call without side effect over the same transport (GatewayTransport#ping). */
    public Uni<Void> ping() {
        return transport.ping();
    }
}
