package io.workchain.gateway.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.workchain.common.SafeUrls;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.gateway.OutcomeStatus;
import io.workchain.common.gateway.WarmUpInvocation;
import io.workchain.common.limits.MessageLimits;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.MessageValidator;
import io.workchain.common.message.RequestType;
import io.workchain.common.trace.ChainTrace;
import io.workchain.gateway.client.AddressLookup;
import io.workchain.gateway.client.AmqpPublisher;
import io.workchain.gateway.client.DeliveryBody;
import io.workchain.gateway.client.HttpTargetCaller;
import io.workchain.gateway.client.KafkaPublisher;
import io.workchain.gateway.policy.RouteGuard;
import io.workchain.gateway.policy.RoutePolicies;
import io.workchain.gateway.target.TargetRefusedException;
import io.workchain.gateway.target.TargetResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Invoke(item), the same for gRPC and REST: check the item, resolve its target (route or
 * allow-listed URL, addresses checked), deliver it by its type (HTTP(S) call, AMQP or Kafka publish).
 * A route that receives the whole work message and was not sent it is answered NEEDS_WORK_MESSAGE
 * (with the format it receives) before anything is looked up or sent.
 */
// Created at startup, so its gauges show from the first scrape, before any call.
@Startup
@ApplicationScoped
public class GatewayService {

    private static final Logger LOG = Logger.getLogger(GatewayService.class);

    private final TargetResolver resolver;
    private final AddressLookup lookup;
    private final HttpTargetCaller caller;
    private final AmqpPublisher amqp;
    private final KafkaPublisher kafka;
    private final BodyComposer bodies;
    private final MeterRegistry registry;
    private final Tracer tracer;
    /** Route tags of calls that named no route, and of calls refused before a target was known. */
    private static final String URL_ROUTE = "url";
    private static final String NO_ROUTE = "none";
    /** Calls, publishes and lookups under way: gauge workchain_gateway_in_flight. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Each route's policy (retries, timeout, limits, circuit); a field, the constructor has its eight. */
    @Inject
    RoutePolicies policies;

    public GatewayService(TargetResolver resolver, AddressLookup lookup, HttpTargetCaller caller, AmqpPublisher amqp,
            KafkaPublisher kafka, BodyComposer bodies, MeterRegistry registry, Tracer tracer) {
        this.tracer = tracer;
        this.bodies = bodies;
        this.resolver = resolver;
        this.lookup = lookup;
        this.caller = caller;
        this.amqp = amqp;
        this.kafka = kafka;
        this.registry = registry;
        registry.gauge("workchain.gateway.in.flight", inFlight);
    }

    /**
     * One call, in a span that is a child of the invocation's traceparent (the ESB's step) and the
     * parent of what the service sees (its traceparent header): the chain stays one trace.
     */
    public Uni<InvocationOutcome> invoke(Invocation invocation) {
        if (WarmUpInvocation.is(invocation)) {
            // The ESB's warm-up: Invoke's path to here is the point (deferred, as a call is, so the
            // context propagation's wrappers run too); nothing is traced, resolved, sent or counted.
            return Uni.createFrom().deferred(() -> Uni.createFrom().item(WarmUpInvocation.answer()));
        }
        return Uni.createFrom().deferred(() -> {
            inFlight.incrementAndGet();
            Span span = ChainTrace.start(tracer, "gateway call", SpanKind.CLIENT, invocation.traceparent(),
                    invocation.hash());
            if (invocation.request() != null && invocation.request().type() != null) {
                span.setAttribute("workchain.type", invocation.request().type().name());
            }
            Invocation traced = invocation.withTraceparent(ChainTrace.traceparent(span, invocation.traceparent()));
            Uni<InvocationOutcome> call;
            try (Scope scope = span.makeCurrent()) {
                call = route(traced); // what it logs on the way carries the call's trace and span ids
            }
            return call.invoke(outcome -> {
                span.setAttribute("workchain.outcome", outcome.status().name());
                if (outcome.status() == OutcomeStatus.FAILED) {
                    span.setStatus(StatusCode.ERROR);
                }
            }).onTermination().invoke(span::end);
        }).onTermination().invoke(inFlight::decrementAndGet);
    }

    private Uni<InvocationOutcome> route(Invocation invocation) {
        TargetResolver.Target target;
        try {
            check(invocation);
            target = resolver.target(invocation.request());
        } catch (MalformedMessageException e) {
            return Uni.createFrom()
                    .item(count(refused(invocation, FailureKind.BAD_REQUEST, "bad request: " + e.getMessage()),
                            invocation, NO_ROUTE));
        } catch (TargetRefusedException e) {
            return Uni.createFrom()
                    .item(count(refused(invocation, FailureKind.REFUSED, "target refused: " + e.getMessage()),
                            invocation, NO_ROUTE));
        }
        String routeTag = target.route() == null ? URL_ROUTE : target.route();
        Optional<WireFormat> missing = bodies.missingWorkMessage(invocation, target.route());
        if (missing.isPresent()) {
            // Nothing is sent: the ESB sends the same invocation again with the chain in this format.
            return Uni.createFrom()
                    .item(count(InvocationOutcome.needsWorkMessage(missing.get(), "route '" + target.route()
                            + "' receives the whole work message, as " + missing.get().contentType()), invocation,
                            routeTag));
        }
        URI uri = target.uri();
        RequestType type = invocation.request().type();
        LOG.debugf("%s %s %s for %s", type, invocation.request().method(), SafeUrls.redact(uri),
                invocation.idempotencyKey());
        if (!target.checkAddresses()) {
            return deliver(type, uri, null, invocation, target.route())
                    .map(outcome -> count(outcome, invocation, routeTag));
        }
        // A host from the work item: every address it resolves to must pass, and the call goes to
        // a checked one (no second lookup that DNS rebinding could answer differently).
        return lookup.all(uri.getHost())
                .onItem().transformToUni(addresses -> {
                    for (InetAddress address : addresses) {
                        Optional<String> forbidden = resolver.forbidden(address);
                        if (forbidden.isPresent()) {
                            return Uni.createFrom().item(
                                    refused(invocation, FailureKind.REFUSED, "target refused: host '" + uri.getHost()
                                            + "' resolves to a " + forbidden.get() + "; only a route may name it"));
                        }
                    }
                    return deliver(type, uri, addresses.get(0), invocation, target.route());
                })
                .onFailure(AddressLookup.UnresolvedHostException.class)
                .recoverWithItem(error -> InvocationOutcome.failed(FailureKind.UNREACHABLE,
                        "could not reach " + SafeUrls.redact(uri) + ": " + error.getMessage(), 0))
                .map(outcome -> count(outcome, invocation, routeTag));
    }

    /** By the item's type: an HTTP(S) call, an AMQP publish or a Kafka publish. */
    private Uni<InvocationOutcome> deliver(RequestType type, URI uri, InetAddress address, Invocation invocation,
            String route) {
        DeliveryBody body;
        try {
            body = bodies.compose(invocation, route);
        } catch (MalformedMessageException e) {
            return Uni.createFrom()
                    .item(refused(invocation, FailureKind.BAD_REQUEST, "bad request: " + e.getMessage()));
        }
        Duration timeout = policies.callTimeout(route);
        Supplier<Uni<InvocationOutcome>> send = () -> switch (type) {
            case HTTP, HTTPS -> caller.call(uri, address, invocation, body, route, timeout);
            // amqps is verified against the host name, so it connects by name (after the check).
            case AMQP ->
                amqp.publish(uri, "amqps".equalsIgnoreCase(uri.getScheme()) ? null : address, invocation, body);
            case KAFKA -> kafka.publish(uri, route, invocation, body);
        };
        // A route's calls run under its policy; an absolute URL outside every route as before.
        RouteGuard guard = policies.guard(route);
        return guard == null ? send.get() : guard.call(send);
    }

    /** The same rules as a work item of a work message, and a hash to send along. */
    private static void check(Invocation invocation) {
        if (invocation.hash() == null || invocation.hash().isBlank()) {
            throw new MalformedMessageException("hash", "is missing");
        }
        if (invocation.index() < 0) {
            throw new MalformedMessageException("index", "must be >= 0, got " + invocation.index());
        }
        if (invocation.order() < 0) {
            throw new MalformedMessageException("order", "must be >= 0, got " + invocation.order());
        }
        MessageValidator.validateRequest("request", invocation.request(), MessageLimits.DEFAULTS);
    }

    private static InvocationOutcome refused(Invocation invocation, FailureKind kind, String reason) {
        LOG.warnf("refused %s: %s", invocation.hash() == null ? "an invocation" : invocation.idempotencyKey(), reason);
        return InvocationOutcome.failed(kind, reason, 0);
    }

    /**
     * Counts the call by outcome, type and route. The route tag is the configured route's name, or
     * "url" for an absolute URL (its host is not a tag: unbounded), or "none" when refused before a
     * target was known; the set of tag values stays bounded by configuration.
     */
    private InvocationOutcome count(InvocationOutcome outcome, Invocation invocation, String route) {
        RequestType type = invocation.request() == null ? null : invocation.request().type();
        registry.counter("workchain.gateway.invocations", "status", outcome.status().name(),
                "retryable", Boolean.toString(outcome.retryable()),
                "type", type == null ? "unknown" : type.name().toLowerCase(Locale.ROOT), "route", route).increment();
        return outcome;
    }
}
