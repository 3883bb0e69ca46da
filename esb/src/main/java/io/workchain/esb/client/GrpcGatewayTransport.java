package io.workchain.esb.client;

import grpc.health.v1.Health;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
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

    /** The gateway's standard gRPC health service (Quarkus serves it), on the same channel. */
    @GrpcClient("gateway")
    Health health;

    @Override
    public Uni<InvocationOutcome> invoke(Invocation invocation) {
        return gateway.invoke(GatewayProtoMapper.toProto(invocation))
                .map(GatewayProtoMapper::fromProto)
                .onFailure().recoverWithUni(GatewayFailures::ofGrpc);
    }

    /** The gateway's gRPC health check, whatever it answers: the call is the point. */
    @Override
    public Uni<Void> ping() {
        return health.check(HealthCheckRequest.getDefaultInstance()).replaceWithVoid();
    }
}
