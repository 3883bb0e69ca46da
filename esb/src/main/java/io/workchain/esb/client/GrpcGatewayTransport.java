package io.workchain.esb.client;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.GatewayProtoMapper;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.proto.v1.ServiceGateway;
import jakarta.enterprise.context.ApplicationScoped;

/** Invoke(item) over gRPC with the generated Mutiny client (the default transport). */
@ApplicationScoped
public class GrpcGatewayTransport implements GatewayTransport {

    @GrpcClient("gateway")
    ServiceGateway gateway;

    @Override
    public Uni<InvocationOutcome> invoke(Invocation invocation) {
        return gateway.invoke(GatewayProtoMapper.toProto(invocation))
                .map(GatewayProtoMapper::fromProto)
                .onFailure().recoverWithUni(GatewayFailures::ofGrpc);
    }
}
