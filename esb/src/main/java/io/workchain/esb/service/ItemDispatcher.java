package io.workchain.esb.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.gateway.OutcomeStatus;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;
import io.workchain.esb.client.GatewayClient;
import io.workchain.esb.client.GatewayUnavailableException;
import io.workchain.esb.config.EsbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one item through the gateway: resolves its placeholders, calls within the in-flight limit,
 * retries retryable failures with exponential backoff and jitter, and turns the final outcome into
 * the notification to publish (none for ACCEPTED: the service publishes its own). Never fails.
 */
@ApplicationScoped
public class ItemDispatcher {

    private static final Logger LOG = Logger.getLogger(ItemDispatcher.class);

    private final GatewayClient gateway;
    private final InFlightLimiter limiter;
    private final EsbConfig config;
    private final MeterRegistry registry;

    public ItemDispatcher(GatewayClient gateway, InFlightLimiter limiter, EsbConfig config, MeterRegistry registry) {
        this.gateway = gateway;
        this.limiter = limiter;
        this.config = config;
        this.registry = registry;
    }

    public Uni<Optional<NotificationMessage>> dispatch(WorkMessage work, int index, String traceparent) {
        WorkItem item = work.items().get(index);
        Request request;
        try {
            request = PlaceholderResolver.resolve(work, index);
        } catch (PlaceholderException e) {
            return Uni.createFrom().item(Optional.of(notification(work, index,
                    Response.failure(e.getMessage(), failureMetadata(false, 0, 0)), "FAILED")));
        }
        Invocation invocation = new Invocation(work.hash(), item.order(), index, request, traceparent, null);
        AtomicInteger attempts = new AtomicInteger();
        EsbConfig.Retry retry = config.retry();
        return limiter.run(() -> attempt(invocation, attempts))
                .onFailure(this::retryable).retry()
                .withBackOff(retry.initialBackoff(), retry.maxBackoff()).withJitter(retry.jitter())
                .atMost(retry.maxRetries())
                .onFailure().recoverWithItem(ItemDispatcher::finalFailure)
                .map(outcome -> toNotification(work, index, outcome, attempts.get()));
    }

    private Uni<InvocationOutcome> attempt(Invocation invocation, AtomicInteger attempts) {
        attempts.incrementAndGet();
        return gateway.invoke(invocation)
                .ifNoItem().after(config.attemptTimeout())
                .failWith(() -> new GatewayUnavailableException("no answer from the gateway within "
                        + config.attemptTimeout().toMillis() + " ms", null))
                .invoke(outcome -> {
                    if (outcome.status() == OutcomeStatus.FAILED && outcome.retryable()) {
                        throw new RetryableOutcomeException(outcome);
                    }
                });
    }

    private boolean retryable(Throwable error) {
        return error instanceof RetryableOutcomeException || error instanceof GatewayUnavailableException;
    }

    private static InvocationOutcome finalFailure(Throwable error) {
        if (error instanceof RetryableOutcomeException retryable) {
            return retryable.outcome();
        }
        String reason = error instanceof GatewayUnavailableException ? error.getMessage()
                : "dispatch failed: " + error.getClass().getSimpleName() + ": " + error.getMessage();
        return InvocationOutcome.failed(true, reason, 0);
    }

    private Optional<NotificationMessage> toNotification(WorkMessage work, int index, InvocationOutcome outcome, int attempts) {
        registry.counter("workchain.esb.items", "outcome", outcome.status().name()).increment();
        return switch (outcome.status()) {
            case ACCEPTED -> Optional.empty();
            case COMPLETED -> Optional.of(notification(work, index, outcome.response(), "COMPLETED"));
            case FAILED -> {
                String reason = outcome.retryable() && attempts > config.retry().maxRetries()
                        ? outcome.reason() + " (gave up after " + attempts + " attempts)" : outcome.reason();
                yield Optional.of(notification(work, index,
                        Response.failure(reason, failureMetadata(outcome.retryable(), attempts, outcome.httpStatus())), "FAILED"));
            }
        };
    }

    private static NotificationMessage notification(WorkMessage work, int index, Response response, String what) {
        LOG.debugf("%s/%d/%d %s", work.hash(), work.items().get(index).order(), index, what);
        return NotificationMessage.of(work.hash(), work.items().get(index).order(), index, response);
    }

    private static String failureMetadata(boolean retryable, int attempts, int httpStatus) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("retryable", retryable).put("attempts", attempts);
        if (httpStatus > 0) {
            node.put("status", httpStatus);
        }
        return node.toString();
    }
}
