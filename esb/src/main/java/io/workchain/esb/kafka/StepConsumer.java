package io.workchain.esb.kafka;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.workchain.common.DeadLetterHeaders;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.trace.ChainTrace;
import io.workchain.esb.config.EsbConfig;
import io.workchain.esb.health.WorkStreamHealthCheck;
import io.workchain.esb.service.CancelledChains;
import io.workchain.esb.service.ChainBody;
import io.workchain.esb.service.RecordSlot;
import io.workchain.esb.service.RecordSlots;
import io.workchain.esb.service.StepClock;
import io.workchain.esb.service.StepProcessor;
import io.workchain.esb.service.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Consumes the steps topic: the steps the notifier forwards, a new chain's first step included
 * (the notifier admits each chain once, so a chain sent again calls no service twice). Up to
 * {@code max-concurrent-records} records at once (back-pressure beyond that: the connector pauses
 * the consumer). Each record is decoded, checked (hash and limits included) and its next
 * step run; it is acknowledged only once that step's notifications are written, or once it is in
 * the dead-letter topic when it cannot be read or triggers a failure. A cancel marker (the
 * notifier's, for a chain an operator cancelled) stops the chain's work held here.
 */
@ApplicationScoped
public class StepConsumer {

    private static final Logger LOG = Logger.getLogger(StepConsumer.class);

    private final Multi<Message<byte[]>> records;
    private final StepProcessor steps;
    private final DeadLetterPublisher deadLetters;
    private final EsbConfig config;
    private final WorkStreamHealthCheck health;
    private final Tracer tracer;
    private final RecordSlots slots;
    private final CancelledChains cancelled;

    public StepConsumer(@Channel(Channels.STEPS) Multi<Message<byte[]>> records, StepProcessor steps,
            DeadLetterPublisher deadLetters, EsbConfig config, @Liveness WorkStreamHealthCheck health,
            Tracer tracer, RecordSlots slots, CancelledChains cancelled) {
        this.records = records;
        this.steps = steps;
        this.deadLetters = deadLetters;
        this.config = config;
        this.health = health;
        this.tracer = tracer;
        this.slots = slots;
        this.cancelled = cancelled;
    }

    /**
     * Each record runs in a slot, which is free again when the record ends, or earlier when its work
     * only waits out an outage (set aside, within {@code workchain.esb.held.*}): waiting work never
     * takes every slot. The record is acknowledged when it ends, whatever freed its slot.
     */
    void start(@Observes StartupEvent event) {
        records.onItem()
                .transformToUni(message -> slots.run(sizeOf(message), slot -> handle(message, slot), this::stopped))
                .merge(config.maxConcurrentRecords())
                .subscribe().with(done -> {}, this::stopped, () -> health.stopped(null));
    }

    private void stopped(Throwable error) {
        LOG.error("the work stream stopped", error);
        health.stopped(error);
    }

    private static long sizeOf(Message<byte[]> message) {
        Object payload = ((Message<?>) message).getPayload();
        return payload instanceof byte[] bytes ? bytes.length : 0;
    }

    /**
     * One record, start to acknowledgement. Whatever the record does, it ends acknowledged: run,
     * or in the dead-letter topic with its reason (an exception it triggers included). Only a
     * write that never succeeds holds it, and that is retried until the broker takes it.
     */
    Uni<Void> handle(Message<byte[]> message, RecordSlot slot) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        if (record == null) {
            return ack(message); // not a Kafka record: nothing to run, nothing to keep
        }
        // Read as the channel's bytes whatever the message holds: a payload of another type must end
        // as this record's dead letter, not as an exception that stops the stream for every record.
        Object payload = ((Message<?>) message).getPayload();
        byte[] value = payload instanceof byte[] bytes ? bytes : new byte[0];
        return Uni.createFrom().deferred(() -> payload == null || payload instanceof byte[]
                ? run(record, value, slot)
                : Uni.createFrom().failure(new IllegalStateException("the record's value was read as "
                        + payload.getClass().getSimpleName() + ", not as bytes")))
                .onFailure().recoverWithUni(error -> {
                    LOG.errorf(error, "step record %s failed unexpectedly; kept in the dead-letter topic",
                            origin(record));
                    return deadLetters.publish(record, value, "could not be processed: "
                            + error.getClass().getSimpleName() + ": " + error.getMessage(), null,
                            DeadLetterPublisher.DeadLetterClass.ERROR);
                })
                .chain(() -> ack(message))
                .onFailure().recoverWithUni(error -> nack(message, error));
    }

    private Uni<Void> run(IncomingKafkaRecordMetadata<?, ?> record, byte[] value, RecordSlot slot) {
        if (header(record, WorkchainHeaders.CANCELLED) != null && record.getKey() != null) {
            // The notifier's marker for a chain an operator cancelled (only the notifier writes this
            // topic): the chain's work held here stops, publishing nothing. No work message to read.
            cancelled.cancel(record.getKey().toString());
            return Uni.createFrom().voidItem();
        }
        WorkMessage work;
        try {
            WorkMessage read = MessageCodec.decode(value, header(record, WorkchainHeaders.CONTENT_TYPE),
                    WorkMessage.class, config.limits().messageLimits());
            // The notifier's steps carry the hash it checked, and sit in place: it wrote them.
            work = read.hash() != null ? read : ChainHash.ensure(read);
        } catch (MalformedMessageException e) {
            return refuse(record, value, e);
        }
        return dispatch(record, value, work, slot);
    }

    private Uni<Void> refuse(IncomingKafkaRecordMetadata<?, ?> record, byte[] value, MalformedMessageException e) {
        LOG.warnf("step record %s refused: %s", origin(record), e.getMessage());
        return deadLetters.publish(record, value, e.getMessage(), e.field(),
                DeadLetterPublisher.DeadLetterClass.MALFORMED);
    }

    private Uni<Void> dispatch(IncomingKafkaRecordMetadata<?, ?> record, byte[] value, WorkMessage work,
            RecordSlot slot) {
        Long deadline = WorkchainHeaders.number(record.getHeaders(), WorkchainHeaders.DEADLINE);
        if (deadline == null) {
            // Only the notifier writes steps, and it stamps each with its chain's deadline: without
            // one the record was written by someone else, and its chain would never be timed.
            return refuse(record, value,
                    new MalformedMessageException(null, "a step without the " + WorkchainHeaders.DEADLINE
                            + " header: steps are the notifier's to write (submit work on the work topic)"));
        }
        // This step's span, child of the record's traceparent (the notifier's fold, itself the child
        // of the client's): the chain is one trace. Without tracing, the trace id passes as it came.
        String incoming = header(record, CallHeaders.TRACEPARENT);
        Span span = ChainTrace.start(tracer, "esb step", SpanKind.CONSUMER, incoming, work.hash());
        work.nextStep().ifPresent(step -> span.setAttribute("workchain.step", step));
        String traceparent = ChainTrace.traceparent(span, TraceContext.traceparentOrNew(incoming));
        // The chain for routes that receive the whole work message, built only if one of this
        // step's items has such a route (from the record's own JSON when it is JSON, credentials masked).
        ChainBody chain = ChainBody.of(value, work);
        // The step began when its record was written, as the notifier reckons it (never later than now).
        long startedAt = Math.min(System.currentTimeMillis(), record.getTimestamp().toEpochMilli());
        return steps
                .runNextStep(work, chain, traceparent, new StepClock(startedAt, deadline, itemTimeout(record)), slot)
                .onTermination().invoke(span::end);
    }

    /** The notifier's item-timeout, stamped on each step (its default when a record predates the header). */
    private static Duration itemTimeout(IncomingKafkaRecordMetadata<?, ?> record) {
        Long millis = WorkchainHeaders.number(record.getHeaders(), WorkchainHeaders.ITEM_TIMEOUT);
        return millis != null && millis > 0 ? Duration.ofMillis(millis) : StepClock.DEFAULT_ITEM_TIMEOUT;
    }

    private static Uni<Void> ack(Message<byte[]> message) {
        return Uni.createFrom().completionStage(message::ack);
    }

    /**
     * Only reached if acknowledging itself fails: fail the channel (health DOWN) so the record is
     * read again after a restart.
     */
    private static Uni<Void> nack(Message<byte[]> message, Throwable error) {
        LOG.error("could not finish a work record; it will be read again after a restart", error);
        return Uni.createFrom().completionStage(() -> message.nack(error));
    }

    private static String header(IncomingKafkaRecordMetadata<?, ?> record, String name) {
        return WorkchainHeaders.text(record.getHeaders(), name);
    }

    private static String origin(IncomingKafkaRecordMetadata<?, ?> record) {
        return DeadLetterHeaders.origin(record.getTopic(), record.getPartition(), record.getOffset());
    }
}
