package io.workchain.gateway.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.workchain.common.SafeUrls;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.message.Response;
import io.workchain.gateway.config.GatewayConfig;
import io.workchain.gateway.target.PublishEndpoints;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes an AMQP item to RabbitMQ (AMQP 0-9-1): the payload as the body, to a queue (through
 * the default exchange) or to {@code exchange/routing-key}, persistent, with the content type and
 * the chain's headers as properties, the idempotency key as message id. Mandatory, with publisher
 * confirms: COMPLETED only once the broker confirms it; an unroutable message, an unknown
 * exchange or a refused login is FAILED FINAL; another refusal of the broker (a nack, a closed
 * channel) RETRYABLE; no confirm in time TIMED_OUT; a broker that cannot be reached or a closed
 * connection UNREACHABLE (an outage, which the ESB waits out). Runs on worker threads:
 * a slow or dead broker never blocks the event loop. No credential reaches a reason or a log.
 */
@ApplicationScoped
public class AmqpPublisher {

    private final AmqpConnections connections;
    private final GatewayConfig config;

    public AmqpPublisher(AmqpConnections connections, GatewayConfig config) {
        this.connections = connections;
        this.config = config;
    }

    public Uni<InvocationOutcome> publish(URI target, InetAddress address, Invocation invocation, DeliveryBody body) {
        String safeTarget = SafeUrls.redact(target);
        return Uni.createFrom().item(() -> publishBlocking(target, address, invocation, body, safeTarget))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private InvocationOutcome publishBlocking(URI target, InetAddress address, Invocation invocation, DeliveryBody body,
            String safeTarget) {
        PublishEndpoints.AmqpDestination destination = PublishEndpoints.amqp(invocation.request().endpoint());
        String where = (destination.exchange().isEmpty()
                ? "queue '" + destination.routingKey() + "'"
                : "exchange '" + destination.exchange() + "' with routing key '" + destination.routingKey() + "'")
                + " on " + safeTarget;
        Connection connection;
        try {
            connection = connections.get(target, address, safeTarget);
        } catch (PossibleAuthenticationFailureException e) {
            return InvocationOutcome.failed(FailureKind.FINAL, "the AMQP broker " + safeTarget + " refused the login",
                    0);
        } catch (IOException | TimeoutException | RuntimeException e) {
            return InvocationOutcome.failed(FailureKind.UNREACHABLE,
                    "could not reach the AMQP broker " + safeTarget + ": " + SafeUrls.describe(e), 0);
        }
        AtomicReference<String> returned = new AtomicReference<>();
        Channel channel = null;
        try {
            channel = connection.createChannel();
            channel.addReturnListener(r -> returned.set(r.getReplyCode() + " " + r.getReplyText()));
            channel.confirmSelect();
            channel.basicPublish(destination.exchange(), destination.routingKey(), true, properties(invocation, body),
                    body.isEmpty() ? new byte[0] : body.bytes());
            // A returned (unroutable) message is reported before its confirm, so it is known here.
            channel.waitForConfirmsOrDie(config.callTimeout().toMillis());
            if (returned.get() != null) {
                return InvocationOutcome.failed(FailureKind.FINAL,
                        "the message to " + where + " is unroutable (" + returned.get()
                                + "): no queue is bound to it",
                        0);
            }
            return InvocationOutcome.completed(Response.success(null, metadata(destination)), 0, null);
        } catch (TimeoutException e) {
            return InvocationOutcome.failed(FailureKind.TIMED_OUT, "no confirm from " + where + " within "
                    + config.callTimeout().toMillis() + " ms", HttpTargetCaller.GATEWAY_TIMEOUT);
        } catch (AlreadyClosedException e) {
            connections.discard(connection);
            return InvocationOutcome.failed(FailureKind.UNREACHABLE,
                    "the connection to " + safeTarget + " closed: " + SafeUrls.describe(e), 0);
        } catch (ShutdownSignalException e) {
            return channelClosed(e, where, connection, safeTarget);
        } catch (IOException e) {
            if (e.getCause() instanceof ShutdownSignalException shutdown) {
                return channelClosed(shutdown, where, connection, safeTarget);
            }
            connections.discard(connection);
            return InvocationOutcome.failed(FailureKind.UNREACHABLE,
                    "the publish to " + where + " failed: " + SafeUrls.describe(e), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return InvocationOutcome.failed(FailureKind.CANCELLED, "interrupted while publishing to " + where, 0);
        } finally {
            closeQuietly(channel);
            connections.release(connection);
        }
    }

    /** The broker closed the channel (404 for an unknown exchange, a nack...) or the connection. */
    private InvocationOutcome channelClosed(ShutdownSignalException e, String where, Connection connection,
            String safeTarget) {
        Object reason = e.getReason();
        String text = reason instanceof AMQP.Channel.Close close
                ? close.getReplyCode() + " " + close.getReplyText()
                : reason instanceof AMQP.Connection.Close close
                        ? close.getReplyCode() + " " + close.getReplyText()
                        : SafeUrls.describe(e);
        if (e.isHardError()) {
            connections.discard(connection);
            return InvocationOutcome.failed(FailureKind.UNREACHABLE,
                    "the AMQP broker " + safeTarget + " closed the connection: " + text, 0);
        }
        // 404 (no such exchange) and 403 (access refused) stay so; a nack or another refusal may pass.
        boolean permanent = reason instanceof AMQP.Channel.Close close
                && (close.getReplyCode() == 404 || close.getReplyCode() == 403);
        return InvocationOutcome.failed(permanent ? FailureKind.FINAL : FailureKind.RETRYABLE,
                "the broker refused the publish to " + where + ": " + text, 0);
    }

    private static AMQP.BasicProperties properties(Invocation invocation, DeliveryBody body) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(CallHeaders.CHAIN_HASH, invocation.hash());
        headers.put(CallHeaders.ORDER, Integer.toString(invocation.order()));
        headers.put(CallHeaders.INDEX, Integer.toString(invocation.index()));
        headers.put(CallHeaders.IDEMPOTENCY_KEY, invocation.idempotencyKey());
        if (invocation.traceparent() != null) {
            headers.put(CallHeaders.TRACEPARENT, invocation.traceparent());
        }
        if (invocation.tracestate() != null) {
            headers.put(CallHeaders.TRACESTATE, invocation.tracestate());
        }
        return new AMQP.BasicProperties.Builder()
                .contentType(body.contentType())
                .deliveryMode(2) // persistent
                .messageId(invocation.idempotencyKey())
                .headers(headers)
                .build();
    }

    private static String metadata(PublishEndpoints.AmqpDestination destination) {
        return JsonNodeFactory.instance.objectNode().put("published", "amqp").put("confirmed", true)
                .put("exchange", destination.exchange()).put("routing_key", destination.routingKey()).toString();
    }

    private static void closeQuietly(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            // the channel is gone either way
        }
    }
}
