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
import java.util.Optional;

/**
 * What a target receives. By default the item's payload (JSON text, or base64 protobuf sent as
 * text), the chain travelling in headers. A route may ask for the whole work message instead
 * ({@code workchain.gateway.route-bodies.<route>=work-message} for JSON, or
 * {@code work-message-protobuf} for the protobuf Envelope), so a service can read the chain it is
 * part of, with the responses gathered so far. The ESB sends the chain only when asked (the chain
 * of a long step with every item outgrew the message size), in the format asked: an invocation
 * for such a route without it is answered NEEDS_WORK_MESSAGE naming the format, and the protobuf
 * Envelope the ESB sends is delivered as it came, not decoded and encoded again.
 */
@ApplicationScoped
public class BodyComposer {

    private final Map<String, GatewayConfig.RouteBody> routeBodies;

    public BodyComposer(GatewayConfig config) {
        this.routeBodies = config.routeBodies();
    }

    /**
     * The format {@code route} receives the whole work message in, when the invocation does not
     * carry it in a form that route can take; empty when nothing is missing (a payload route
     * included).
     */
    public Optional<WireFormat> missingWorkMessage(Invocation invocation, String route) {
        return switch (routeBody(route)) {
            case PAYLOAD -> Optional.empty();
            case WORK_MESSAGE -> invocation.workMessage() == null ? Optional.of(WireFormat.JSON) : Optional.empty();
            // JSON too can be encoded here: an ESB that predates the protobuf field sends JSON for every route.
            case WORK_MESSAGE_PROTOBUF -> invocation.workMessageProtobuf() == null && invocation.workMessage() == null
                    ? Optional.of(WireFormat.PROTOBUF)
                    : Optional.empty();
        };
    }

    public DeliveryBody compose(Invocation invocation, String route) {
        return switch (routeBody(route)) {
            case PAYLOAD -> payload(invocation.request().payload());
            case WORK_MESSAGE ->
                new DeliveryBody(required(invocation.workMessage(), route).getBytes(StandardCharsets.UTF_8),
                        WireFormat.JSON.contentType());
            case WORK_MESSAGE_PROTOBUF ->
                new DeliveryBody(protobuf(invocation, route), WireFormat.PROTOBUF.contentType());
        };
    }

    private GatewayConfig.RouteBody routeBody(String route) {
        return route == null
                ? GatewayConfig.RouteBody.PAYLOAD
                : routeBodies.getOrDefault(route, GatewayConfig.RouteBody.PAYLOAD);
    }

    /** The Envelope as the ESB sent it; from its JSON only when an older ESB sent JSON. */
    private static byte[] protobuf(Invocation invocation, String route) {
        if (invocation.workMessageProtobuf() != null) {
            return invocation.workMessageProtobuf();
        }
        WorkMessage work = MessageCodec.decode(
                required(invocation.workMessage(), route).getBytes(StandardCharsets.UTF_8),
                WireFormat.JSON.contentType(), WorkMessage.class);
        return MessageCodec.encode(work, WireFormat.PROTOBUF);
    }

    private static String required(String workMessage, String route) {
        if (workMessage == null) {
            throw new MalformedMessageException("work_message",
                    "is missing, and route '" + route + "' delivers the whole work message");
        }
        return workMessage;
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
