package io.workchain.esb.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.trace.ChainTrace;
import io.workchain.esb.kafka.NotificationPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs the next pending step of a work message: dispatches its unanswered items in parallel and
 * completes once every notification they produced is written, or at once, publishing nothing, when
 * an operator cancels the chain (CancelledChains).
 */
@ApplicationScoped
public class StepProcessor {

    private static final Logger LOG = Logger.getLogger(StepProcessor.class);

    private final ItemDispatcher dispatcher;
    private final NotificationPublisher notifications;
    private final Tracer tracer;
    private final CancelledChains cancelled;
    /** Step records whose step ran (its notifications written). */
    private final Counter stepsRun;

    public StepProcessor(ItemDispatcher dispatcher, NotificationPublisher notifications, Tracer tracer,
            CancelledChains cancelled, MeterRegistry registry) {
        this.dispatcher = dispatcher;
        this.notifications = notifications;
        this.tracer = tracer;
        this.cancelled = cancelled;
        this.stepsRun = registry.counter("workchain.esb.records", "result", "dispatched");
    }

    /**
     * @param chain    the chain as routes that receive it whole want it, built only if one does
     * @param clock    when the step began and when its chain is over: outages are waited out until
     *                 the item's deadline at the latest
     * @param slot     the record's slot, freed while its items only wait out an outage
     */
    public Uni<Void> runNextStep(WorkMessage work, ChainBody chain, String traceparent, StepClock clock,
            RecordSlot slot) {
        OptionalInt step = work.nextStep();
        if (step.isEmpty()) {
            LOG.debugf("%s has no pending step", work.hash());
            return Uni.createFrom().voidItem();
        }
        if (cancelled.isCancelled(work.hash())) {
            LOG.infof("%s: cancelled by an operator; step %d is not run", work.hash(), step.getAsInt());
            return Uni.createFrom().voidItem();
        }
        List<Integer> pending = work.indexesOfStep(step.getAsInt()).stream()
                .filter(index -> !work.items().get(index).answered()).toList();
        return Multi.createFrom().iterable(pending)
                .onItem().transformToUniAndMerge(index -> item(work, chain, index, traceparent, clock, slot))
                .collect().last()
                .replaceWithVoid()
                .invoke(() -> stepsRun.increment());
    }

    /**
     * One item in a span of its own (a child of the step's): the gateway's call and the item's
     * notification are its children, so the notifier's fold that ends a step of several items can
     * link each item's answer.
     */
    private Uni<Void> item(WorkMessage work, ChainBody chain, int index, String stepTraceparent, StepClock clock,
            RecordSlot slot) {
        Span span = ChainTrace.start(tracer, "esb item", SpanKind.INTERNAL, stepTraceparent, work.hash());
        span.setAttribute("workchain.index", index);
        String traceparent = ChainTrace.traceparent(span, stepTraceparent);
        Uni<Optional<NotificationMessage>> dispatched;
        try (Scope scope = span.makeCurrent()) {
            dispatched = dispatcher.dispatch(work, chain, index, traceparent, clock, slot); // its logs carry the item's ids
        }
        // An operator's cancel stops the item wherever it is, and nothing is published for it.
        return cancelled.unlessCancelled(work.hash(), dispatched)
                .onItem().transformToUni(notification -> notification.isPresent()
                        ? publish(notification.get(), traceparent)
                        : Uni.createFrom().voidItem())
                .onTermination().invoke(span::end);
    }

    /** The notification carries the item's traceparent: the notifier's fold continues the chain's trace. */
    private Uni<Void> publish(NotificationMessage notification, String traceparent) {
        return notifications.publish(notification, traceparent);
    }
}
