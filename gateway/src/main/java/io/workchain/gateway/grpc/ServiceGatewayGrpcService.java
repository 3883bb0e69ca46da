package io.workchain.gateway.grpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.GatewayProtoMapper;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.gateway.service.GatewayService;
import io.workchain.proto.v1.InvokeOutcome;
import io.workchain.proto.v1.InvokeRequest;
import io.workchain.proto.v1.ServiceGateway;

/** Invoke(item) over gRPC (Mutiny). */
@GrpcService
public class ServiceGatewayGrpcService implements ServiceGateway {

    private final GatewayService gateway;

    public ServiceGatewayGrpcService(GatewayService gateway) {
        this.gateway = gateway;
    }

    @Override
    public Uni<InvokeOutcome> invoke(InvokeRequest request) {
        try {
            return gateway.invoke(GatewayProtoMapper.fromProto(request)).map(GatewayProtoMapper::toProto);
        } catch (MalformedMessageException e) {
            return Uni.createFrom().item(GatewayProtoMapper.toProto(
                    InvocationOutcome.failed(FailureKind.BAD_REQUEST, "bad request: " + e.getMessage(), 0)));
        }
    }
}
