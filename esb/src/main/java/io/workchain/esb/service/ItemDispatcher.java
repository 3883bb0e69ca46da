package io.workchain.esb.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.gateway.FailureKind;
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
 * notification to publish (none for ACCEPTED: the service publishes its own), its failure kind in
 * the metadata. The chain travels only to a route that receives it whole: when the gateway
 * answers NEEDS_WORK_MESSAGE, the same invocation goes again carrying the chain in the format
 * named, and later items of that route carry it at once (WorkMessageRoutes). Never fails: whatever
 * goes wrong becomes a FAILED notification.
 */
// Created at startup, so its counters show from the first scrape, before any record.
@Startup
@ApplicationScoped
public class ItemDispatcher {

    private static final Logger LOG = Logger.getLogger(ItemDispatcher.class);
    /** The {@code kind} tag of items that did not fail. */
    private static final String NO_KIND = "none";
    /** Times one item may be asked for the chain: once, and once more if its route's format changed meanwhile. */
    private static final int MAX_CHAIN_OFFERS = 2;

    private final GatewayClient gateway;
    private final InFlightLimiter limiter;
    private final GatewayCircuit circuit;
    private final EsbConfig config;
    private final MeterRegistry registry;
    private final TargetsSeen targets;
    private final WorkMessageRoutes routes;

    public ItemDispatcher(GatewayClient gateway, InFlightLimiter limiter, GatewayCircuit circuit, EsbConfig config,
            MeterRegistry registry, TargetsSeen targets, WorkMessageRoutes routes) {
        this.gateway = gateway;
        this.routes = routes;
        this.targets = targets;
        this.limiter = limiter;
        this.circuit = circuit;
        this.config = config;
        this.registry = registry;
        // Registered up front, so dashboards and alerts see zeros rather than no series.
        registry.counter("workchain.esb.retries", "kind", "service");
        registry.counter("workchain.esb.retries", "kind", "outage");
        registry.counter("workchain.esb.retries", "kind", "held");
        registry.counter("workchain.esb.items", "outcome", OutcomeStatus.COMPLETED.name(), "kind", NO_KIND);
        registry.counter("workchain.esb.items", "outcome", OutcomeStatus.ACCEPTED.name(), "kind", NO_KIND);
        for (FailureKind kind : FailureKind.values()) {
            registry.counter("workchain.esb.items", "outcome", OutcomeStatus.FAILED.name(), "kind", kind.label());
        }
    }

    /**
     * @param clock when the step began and when the chain is over; the item's own deadline (the
     *              step's start plus its timeout_ms or the item timeout) may come sooner: outages are
     *              not waited out past it
     * @param chain the chain, built only if the item's route receives it whole
     */
    public Uni<Optional<NotificationMessage>> dispatch(WorkMessage work, ChainBody chain, int index, String traceparent,
            StepClock clock, RecordSlot slot) {
        Invocation invocation;
        try {
            invocation = invocation(work, chain, index, traceparent);
        } catch (PlaceholderException e) {
            return Uni.createFrom().item(toNotification(work, index,
                    InvocationOutcome.failed(FailureKind.BAD_REQUEST, e.getMessage(), 0), 0));
        } catch (RuntimeException e) {
            // A bug this item triggers must not stop the stream: it fails this item, and says why.
            LOG.errorf(e, "%s/%d: could not prepare the call", work.hash(), index);
            return Uni.createFrom().item(toNotification(work, index, InvocationOutcome.failed(FailureKind.FINAL,
                    "could not prepare the call: " + e.getClass().getSimpleName() + ": " + e.getMessage(), 0), 0));
        }
        long itemDeadline = clock.itemDeadline(work.items().get(index).timeoutMs());
        // The gateway's callback token for the service expires with the item.
        invocation = invocation.withDeadline(itemDeadline);
        return attempt(invocation, new ItemAttempts(itemDeadline, itemDeadline < clock.chainDeadline(), slot, chain))
                .map(result -> toNotification(work, index, result.outcome, result.attempts));
    }

    /** The item's call; with the chain at once when its route is known to receive it whole. */
    private Invocation invocation(WorkMessage work, ChainBody chain, int index, String traceparent) {
        WorkItem item = work.items().get(index);
        Request request = PlaceholderResolver.resolve(work, index, config.limits().maxPayloadChars());
        Invocation invocation = new Invocation(work.hash(), item.order(), index, request, traceparent, null);
        Optional<WireFormat> format = routes.format(request.url());
        return format.isPresent() ? carrying(invocation, format.get(), chain) : invocation;
    }

    private static Invocation carrying(Invocation invocation, WireFormat format, ChainBody chain) {
        return format == WireFormat.PROTOBUF
                ? invocation.withWorkMessageProtobuf(chain.protobuf())
                : invocation.withWorkMessage(chain.json());
    }

    private record Result(InvocationOutcome outcome, int attempts) {}

    private Uni<Result> attempt(Invocation invocation, ItemAttempts attempts) {
        attempts.total++;
        return call(invocation, attempts);
    }

    private Uni<Result> call(Invocation invocation, ItemAttempts attempts) {
        return limiter.run(() -> gateway.invoke(invocation)
                .ifNoItem().after(config.attemptTimeout())
                .failWith(() -> new GatewayUnavailableException("no answer from the gateway within "
                        + config.attemptTimeout().toMillis() + " ms", null)))
                .onItemOrFailure().transformToUni((outcome, error) -> next(invocation, attempts, outcome, error));
    }

    private Uni<Result> next(Invocation invocation, ItemAttempts attempts, InvocationOutcome outcome, Throwable error) {
        if (error == null && outcome.status() == OutcomeStatus.NEEDS_WORK_MESSAGE) {
            return withChain(invocation, attempts, outcome);
        }
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
                if (error == null && outcome.unreachable() && neverAnsweredPastGrace(invocation, attempts)) {
                    return done(InvocationOutcome.failed(FailureKind.UNREACHABLE, reason
                            + " (this target has never answered, and refused for "
                            + config.unreachableGrace().toMillis()
                            + " ms, workchain.esb.unreachable-grace: check the item's"
                            + " url and port)", 0), attempts);
                }
                // A call the gateway held back (a route's limit or its target's circuit, docs/gateway-security.md)
                // is waited out like an outage, but the gateway answered: the ESB's circuit (its outage
                // log, gauge and alert) is for a gateway or a target that cannot be reached.
                boolean heldBack = error == null && outcome.kind() == FailureKind.CANCELLED;
                if (heldBack) {
                    circuit.answered();
                } else {
                    circuit.outage(reason);
                }
                Duration wait = circuit.backoff(config.retry().initialBackoff(), config.outageMaxBackoff(),
                        attempts.outageWaits++);
                if (System.currentTimeMillis() + wait.toMillis() >= attempts.deadline) {
                    FailureKind kind = error != null ? FailureKind.UNREACHABLE : outcome.kind();
                    return done(InvocationOutcome.failed(kind, reason + " (still unreachable at the "
                            + (attempts.itemsOwn ? "item's" : "chain's") + " deadline, after " + attempts.total
                            + " attempts)", 0),
                            attempts);
                }
                registry.counter("workchain.esb.retries", "kind", heldBack ? "held" : "outage").increment();
                attempts.slot.holdAside(); // only waiting now: other chains' records may have the slot
                return Uni.createFrom().nullItem().onItem().delayIt().by(wait)
                        .chain(() -> attempt(invocation, attempts));
            }
            default -> {
                if (error != null) {
                    LOG.errorf(error, "%s: unexpected failure of a call", invocation.idempotencyKey());
                    return done(InvocationOutcome.failed(FailureKind.FINAL, "dispatch failed: "
                            + error.getClass().getSimpleName() + ": " + error.getMessage(), 0), attempts);
                }
                return done(outcome, attempts);
            }
        }
    }

    /**
     * The item's route receives the whole work message: remember the format it receives it in, and
     * send the same invocation again carrying the chain in that format (not counted as an attempt:
     * nothing reached the target). Asked again after that, the route's format changed meanwhile:
     * once more; then the item fails rather than asking forever.
     */
    private Uni<Result> withChain(Invocation invocation, ItemAttempts attempts, InvocationOutcome outcome) {
        Optional<WireFormat> format = outcome.workMessageFormat();
        if (format.isEmpty() || attempts.chainOffers >= MAX_CHAIN_OFFERS || attempts.chain == null) {
            return done(InvocationOutcome.failed(FailureKind.FINAL, "the gateway asks for the work message ("
                    + outcome.reason() + ", format " + outcome.contentType() + ") and it could not be given after "
                    + attempts.chainOffers + " offers", 0), attempts);
        }
        attempts.chainOffers++;
        routes.learned(invocation.request().url(), format.get());
        Invocation carrying;
        try {
            carrying = carrying(invocation, format.get(), attempts.chain);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: could not build the work message", invocation.idempotencyKey());
            return done(
                    InvocationOutcome.failed(FailureKind.FINAL, "could not build the work message its route receives: "
                            + e.getClass().getSimpleName() + ": " + e.getMessage(), 0),
                    attempts);
        }
        return call(carrying, attempts);
    }

    /**
     * A target (not the gateway) that has never answered this ESB and has been unreachable for
     * longer than the grace: a wrong address, not an outage to hold to the deadline.
     */
    private boolean neverAnsweredPastGrace(Invocation invocation, ItemAttempts attempts) {
        return System.currentTimeMillis() - attempts.startedAt >= config.unreachableGrace().toMillis()
                && !targets.hasAnswered(invocation.request());
    }

    private static Uni<Result> done(InvocationOutcome outcome, ItemAttempts attempts) {
        return Uni.createFrom().item(new Result(outcome, attempts.total));
    }

    /** Exponential backoff with jitter for a service's retryable answers. */
    private Duration serviceBackoff(int retry) {
        EsbConfig.Retry settings = config.retry();
        long base = Math.min(settings.maxBackoff().toMillis(),
                settings.initialBackoff().toMillis() << Math.min(retry - 1, 16));
        double jitter = settings.jitter() * base * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base + jitter)));
    }

    private Optional<NotificationMessage> toNotification(WorkMessage work, int index, InvocationOutcome outcome,
            int attempts) {
        registry.counter("workchain.esb.items", "outcome", outcome.status().name(),
                "kind", outcome.kind() == null ? NO_KIND : outcome.kind().label()).increment();
        return switch (outcome.status()) {
            case ACCEPTED -> Optional.empty();
            case COMPLETED -> Optional.of(notification(work, index, outcome.response(), "COMPLETED"));
            case FAILED -> {
                boolean retried = RetryPolicy.of(outcome, null) == RetryPolicy.RETRY
                        && attempts > config.retry().maxRetries();
                String reason = retried
                        ? outcome.reason() + " (gave up after " + attempts + " attempts)"
                        : outcome.reason();
                yield Optional.of(notification(work, index,
                        Response.failure(reason, failureMetadata(outcome.kind(), attempts, outcome.httpStatus())),
                        "FAILED"));
            }
            // Never final (the dispatcher sends the chain or fails the item), but a switch says what it would be.
            case NEEDS_WORK_MESSAGE -> Optional.of(notification(work, index, Response.failure(
                    "the gateway asks for the work message: " + outcome.reason(),
                    failureMetadata(FailureKind.FINAL, attempts, 0)), "FAILED"));
        };
    }

    private static NotificationMessage notification(WorkMessage work, int index, Response response, String what) {
        LOG.debugf("%s/%d/%d %s", work.hash(), work.items().get(index).order(), index, what);
        return NotificationMessage.of(work.hash(), work.items().get(index).order(), index, response);
    }

    /** {@code {"retryable":..,"attempts":..,"kind":"unreachable","status":..}}: status only when the target answered one. */
    static String failureMetadata(FailureKind kind, int attempts, int httpStatus) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("retryable", kind.retryable())
                .put("attempts", attempts)
                .put("kind", kind.label());
        if (httpStatus > 0) {
            node.put("status", httpStatus);
        }
        return node.toString();
    }
}
