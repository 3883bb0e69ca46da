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

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs one item through the gateway: resolves its placeholders, calls within the in-flight limit,
 * retries a service's retryable failures with exponential backoff and jitter (at most
 * max-retries), waits out outages (no answer from the gateway or the target) until the item's
 * deadline (never past its chain's: common's Deadlines), fails an item whose target has never
 * answered and stays unreachable past a short grace, and turns the final outcome into the
 * notification to publish (none for ACCEPTED: the service publishes its own). Never fails: whatever goes wrong becomes a FAILED notification.
 */
@ApplicationScoped
public class ItemDispatcher {

    private static final Logger LOG = Logger.getLogger(ItemDispatcher.class);

    private final GatewayClient gateway;
    private final InFlightLimiter limiter;
    private final GatewayCircuit circuit;
    private final EsbConfig config;
    private final MeterRegistry registry;
    private final TargetsSeen targets;

    public ItemDispatcher(GatewayClient gateway, InFlightLimiter limiter, GatewayCircuit circuit, EsbConfig config,
                          MeterRegistry registry, TargetsSeen targets) {
        this.gateway = gateway;
        this.targets = targets;
        this.limiter = limiter;
        this.circuit = circuit;
        this.config = config;
        this.registry = registry;
        // Registered up front, so dashboards and alerts see zeros rather than no series.
        registry.counter("workchain.esb.retries", "kind", "service");
        registry.counter("workchain.esb.retries", "kind", "outage");
    }

    /**
     * @param clock when the step began and when the chain is over; the item's own deadline (the
     *              step's start plus its timeout_ms or the item timeout) may come sooner: outages are
     *              not waited out past it
     */
    public Uni<Optional<NotificationMessage>> dispatch(WorkMessage work, String workJson, int index, String traceparent,
                                                       StepClock clock, RecordSlot slot) {
        Invocation invocation;
        try {
            invocation = invocation(work, workJson, index, traceparent);
        } catch (PlaceholderException e) {
            return Uni.createFrom().item(Optional.of(notification(work, index,
                    Response.failure(e.getMessage(), failureMetadata(false, 0, 0)), "FAILED")));
        } catch (RuntimeException e) {
            // A bug this item triggers must not stop the stream: it fails this item, and says why.
            LOG.errorf(e, "%s/%d: could not prepare the call", work.hash(), index);
            return Uni.createFrom().item(Optional.of(notification(work, index, Response.failure(
                    "could not prepare the call: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    failureMetadata(false, 0, 0)), "FAILED")));
        }
        long itemDeadline = clock.itemDeadline(work.items().get(index).timeoutMs());
        return attempt(invocation, new Attempts(itemDeadline, itemDeadline < clock.chainDeadline(), slot))
                .map(result -> toNotification(work, index, result.outcome, result.attempts));
    }

    private Invocation invocation(WorkMessage work, String workJson, int index, String traceparent) {
        WorkItem item = work.items().get(index);
        Request request = PlaceholderResolver.resolve(work, index, config.limits().maxPayloadChars());
        return new Invocation(work.hash(), item.order(), index, request, traceparent, null, workJson);
    }

    /** Counts attempts of one item: service retries and outage waits are counted apart. */
    private static final class Attempts {
        final long deadline;
        /** Whether the deadline is the item's own (sooner than its chain's). */
        final boolean itemsOwn;
        final long startedAt = System.currentTimeMillis();
        int total;
        int retries;
        int outageWaits;
        /** The record's slot: given back while the item only waits out an outage. */
        final RecordSlot slot;

        Attempts(long deadline, boolean itemsOwn, RecordSlot slot) {
            this.deadline = deadline;
            this.itemsOwn = itemsOwn;
            this.slot = slot;
        }
    }

    private record Result(InvocationOutcome outcome, int attempts) {
    }

    private Uni<Result> attempt(Invocation invocation, Attempts attempts) {
        attempts.total++;
        return limiter.run(() -> gateway.invoke(invocation)
                        .ifNoItem().after(config.attemptTimeout())
                        .failWith(() -> new GatewayUnavailableException("no answer from the gateway within "
                                + config.attemptTimeout().toMillis() + " ms", null)))
                .onItemOrFailure().transformToUni((outcome, error) -> next(invocation, attempts, outcome, error));
    }

    private Uni<Result> next(Invocation invocation, Attempts attempts, InvocationOutcome outcome, Throwable error) {
        RetryPolicy policy = RetryPolicy.of(outcome, error);
        if (policy != RetryPolicy.OUTAGE) {
            circuit.answered();
            if (outcome != null && (outcome.status() != OutcomeStatus.FAILED || outcome.httpStatus() > 0)) {
                targets.answered(invocation.request()); // the target itself answered (not the gateway's refusal)
            }
        }
        switch (policy) {
            case RETRY -> {
                if (attempts.retries >= config.retry().maxRetries()) {
                    return done(outcome, attempts);
                }
                attempts.retries++;
                registry.counter("workchain.esb.retries", "kind", "service").increment();
                return Uni.createFrom().nullItem().onItem().delayIt().by(serviceBackoff(attempts.retries))
                        .chain(() -> attempt(invocation, attempts));
            }
            case OUTAGE -> {
                String reason = error != null ? error.getMessage() : outcome.reason();
                if (error == null && neverAnsweredPastGrace(invocation, attempts)) {
                    return done(InvocationOutcome.failed(false, reason + " (this target has never answered, and refused for "
                            + config.unreachableGrace().toMillis() + " ms, workchain.esb.unreachable-grace: check the item's"
                            + " url and port)", 0), attempts);
                }
                circuit.outage(reason);
                Duration wait = circuit.backoff(config.retry().initialBackoff(), config.outageMaxBackoff(),
                        attempts.outageWaits++);
                if (System.currentTimeMillis() + wait.toMillis() >= attempts.deadline) {
                    return done(InvocationOutcome.failed(true, reason + " (still unreachable at the "
                            + (attempts.itemsOwn ? "item's" : "chain's") + " deadline, after " + attempts.total + " attempts)", 0),
                            attempts);
                }
                registry.counter("workchain.esb.retries", "kind", "outage").increment();
                attempts.slot.holdAside(); // only waiting now: other chains' records may have the slot
                return Uni.createFrom().nullItem().onItem().delayIt().by(wait)
                        .chain(() -> attempt(invocation, attempts));
            }
            default -> {
                if (error != null) {
                    LOG.errorf(error, "%s: unexpected failure of a call", invocation.idempotencyKey());
                    return done(InvocationOutcome.failed(false, "dispatch failed: "
                            + error.getClass().getSimpleName() + ": " + error.getMessage(), 0), attempts);
                }
                return done(outcome, attempts);
            }
        }
    }

    /**
     * A target (not the gateway) that has never answered this ESB and has been unreachable for
     * longer than the grace: a wrong address, not an outage to hold to the deadline.
     */
    private boolean neverAnsweredPastGrace(Invocation invocation, Attempts attempts) {
        return System.currentTimeMillis() - attempts.startedAt >= config.unreachableGrace().toMillis()
                && !targets.hasAnswered(invocation.request());
    }

    private static Uni<Result> done(InvocationOutcome outcome, Attempts attempts) {
        return Uni.createFrom().item(new Result(outcome, attempts.total));
    }

    /** Exponential backoff with jitter for a service's retryable answers. */
    private Duration serviceBackoff(int retry) {
        EsbConfig.Retry settings = config.retry();
        long base = Math.min(settings.maxBackoff().toMillis(), settings.initialBackoff().toMillis() << Math.min(retry - 1, 16));
        double jitter = settings.jitter() * base * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base + jitter)));
    }

    private Optional<NotificationMessage> toNotification(WorkMessage work, int index, InvocationOutcome outcome, int attempts) {
        registry.counter("workchain.esb.items", "outcome", outcome.status().name()).increment();
        return switch (outcome.status()) {
            case ACCEPTED -> Optional.empty();
            case COMPLETED -> Optional.of(notification(work, index, outcome.response(), "COMPLETED"));
            case FAILED -> {
                String reason = outcome.retryable() && !outcome.unreachable() && attempts > config.retry().maxRetries()
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

    static String failureMetadata(boolean retryable, int attempts, int httpStatus) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("retryable", retryable).put("attempts", attempts);
        if (httpStatus > 0) {
            node.put("status", httpStatus);
        }
        return node.toString();
    }
}
