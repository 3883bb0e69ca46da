package io.workchain.esb.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.WorkMessage;
import io.workchain.esb.kafka.NotificationPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs the next pending step of a work message: dispatches its unanswered items in parallel and
 * completes once every notification they produced is written.
 */
@ApplicationScoped
public class StepProcessor {

    private static final Logger LOG = Logger.getLogger(StepProcessor.class);

    private final ItemDispatcher dispatcher;
    private final NotificationPublisher notifications;

    public StepProcessor(ItemDispatcher dispatcher, NotificationPublisher notifications) {
        this.dispatcher = dispatcher;
        this.notifications = notifications;
    }

    /**
     * @param workJson the work message as JSON, for routes that deliver it whole
     * @param deadline epoch ms when the chain's deadline passes: outages are waited out until then
     */
    public Uni<Void> runNextStep(WorkMessage work, String workJson, String traceparent, long deadline) {
        OptionalInt step = work.nextStep();
        if (step.isEmpty()) {
            LOG.debugf("%s has no pending step", work.hash());
            return Uni.createFrom().voidItem();
        }
        List<Integer> pending = work.indexesOfStep(step.getAsInt()).stream()
                .filter(index -> !work.items().get(index).answered()).toList();
        return Multi.createFrom().iterable(pending)
                .onItem().transformToUniAndMerge(index -> dispatcher.dispatch(work, workJson, index, traceparent, deadline))
                .filter(Optional::isPresent).map(Optional::get)
                .onItem().transformToUniAndMerge(notification -> publish(notification, traceparent))
                .collect().last()
                .replaceWithVoid();
    }

    /** The notification carries the step's traceparent: the notifier's fold continues the chain's trace. */
    private Uni<NotificationMessage> publish(NotificationMessage notification, String traceparent) {
        return notifications.publish(notification, traceparent).replaceWith(notification);
    }
}
