package io.workchain.gateway.service;

import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.WorkMessage;
import io.workchain.gateway.client.DeliveryBody;
import io.workchain.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a target receives. By default the item's payload (JSON text, or base64 protobuf sent as
 * text), the chain travelling in headers. A route may ask for the whole work message instead
 * ({@code workchain.gateway.route-bodies.<route>=work-message} for JSON, or
 * {@code work-message-protobuf} for the protobuf Envelope), so a service can read the chain it is
 * part of, with the responses gathered so far.
 */
@ApplicationScoped
public class BodyComposer {

    private final Map<String, GatewayConfig.RouteBody> routeBodies;

    public BodyComposer(GatewayConfig config) {
        this.routeBodies = config.routeBodies();
    }

    public DeliveryBody compose(Invocation invocation, String route) {
        GatewayConfig.RouteBody kind = route == null ? GatewayConfig.RouteBody.PAYLOAD
                : routeBodies.getOrDefault(route, GatewayConfig.RouteBody.PAYLOAD);
        return switch (kind) {
            case PAYLOAD -> payload(invocation.request().payload());
            case WORK_MESSAGE -> new DeliveryBody(workMessage(invocation, route).getBytes(StandardCharsets.UTF_8),
                    WireFormat.JSON.contentType());
            case WORK_MESSAGE_PROTOBUF -> new DeliveryBody(MessageCodec.encode(MessageCodec.decode(
                    workMessage(invocation, route).getBytes(StandardCharsets.UTF_8), WireFormat.JSON.contentType(),
                    WorkMessage.class), WireFormat.PROTOBUF), WireFormat.PROTOBUF.contentType());
        };
    }

    private static String workMessage(Invocation invocation, String route) {
        if (invocation.workMessage() == null) {
            throw new MalformedMessageException("work_message", "is missing, and route '" + route + "' delivers the whole work message");
        }
        return invocation.workMessage();
    }

    /** The payload is JSON text or base64 protobuf (specification); say which to the target. */
    static DeliveryBody payload(String payload) {
        if (payload == null) {
            return new DeliveryBody(null, null);
        }
        String trimmed = payload.stripLeading();
        String type = trimmed.startsWith("{") || trimmed.startsWith("[") ? "application/json" : "text/plain";
        return new DeliveryBody(payload.getBytes(StandardCharsets.UTF_8), type);
    }
}
