package io.workchain.esb.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.workchain.common.DeadLetterHeaders;
import io.workchain.common.SafeUrls;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.trace.ChainTrace;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.RefusedWork;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.limits.Deadlines;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.esb.config.EsbConfig;
import io.workchain.esb.health.WorkProgressHealthCheck;
import io.workchain.esb.health.WorkStreamHealthCheck;
import io.workchain.esb.service.StepClock;
import io.workchain.esb.service.StepProcessor;
import io.workchain.esb.service.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Optional;


/**
 * Consumes the work topic (clients' new chains) and the steps topic (the notifier's next steps):
 * up to {@code max-concurrent-records} records at once (back-pressure beyond that: the connector
 * pauses the consumer). Each record is decoded, checked (hash and limits included) and its next
 * step run; it is acknowledged only once that step's notifications are written, or once it is in
 * the dead-letter topic when it cannot be read or triggers a failure.
 */
@ApplicationScoped
public class WorkConsumer {

    private static final Logger LOG = Logger.getLogger(WorkConsumer.class);

    private final Multi<Message<byte[]>> records;
    private final StepProcessor steps;
    private final DeadLetterPublisher deadLetters;
    private final EsbConfig config;
    private final MeterRegistry registry;
    private final Tracer tracer;
    private final WorkStreamHealthCheck health;
    private final WorkProgressHealthCheck progress;
    private final ChainPlacementCheck placement;
    private final String stepsTopic;

    public WorkConsumer(@Channel(Channels.WORK) Multi<Message<byte[]>> records, StepProcessor steps,
                        DeadLetterPublisher deadLetters, EsbConfig config, MeterRegistry registry,
                        @Liveness WorkStreamHealthCheck health, @Readiness WorkProgressHealthCheck progress,
                        Tracer tracer, ChainPlacementCheck placement,
                        @org.eclipse.microprofile.config.inject.ConfigProperty(name = "workchain.topics.steps") String stepsTopic) {
        this.stepsTopic = stepsTopic;
        this.placement = placement;
        this.progress = progress;
        this.health = health;
        this.tracer = tracer;
        this.records = records;
        this.steps = steps;
        this.deadLetters = deadLetters;
        this.config = config;
        this.registry = registry;
        // Registered up front, so dashboards and alerts see zeros rather than no series.
        registry.counter("workchain.dead.letters", "service", "esb", "class", "malformed");
        registry.counter("workchain.dead.letters", "service", "esb", "class", "error");
    }

    void start(@Observes StartupEvent event) {
        records.onItem().transformToUni(message -> {
                    progress.started();
                    return handle(message).onTermination().invoke(progress::finished);
                })
                .merge(config.maxConcurrentRecords())
                .subscribe().with(done -> { }, error -> {
                    LOG.error("the work stream stopped", error);
                    health.stopped(error);
                }, () -> health.stopped(null));
    }

    /**
     * One record, start to acknowledgement. Whatever the record does, it ends acknowledged: run,
     * or in the dead-letter topic with its reason (an exception it triggers included). Only a
     * write that never succeeds holds it, and that is retried until the broker takes it.
     */
    Uni<Void> handle(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        if (record == null) {
            return ack(message); // not a Kafka record: nothing to run, nothing to keep
        }
        // Read as the channel's bytes whatever the message holds: a payload of another type must end
        // as this record's dead letter, not as an exception that stops the stream for every record.
        Object payload = ((Message<?>) message).getPayload();
        byte[] value = payload instanceof byte[] bytes ? bytes : new byte[0];
        return Uni.createFrom().deferred(() -> payload == null || payload instanceof byte[] ? run(record, value)
                        : Uni.createFrom().failure(new IllegalStateException("the record's value was read as "
                                + payload.getClass().getSimpleName() + ", not as bytes")))
                .onFailure().recoverWithUni(error -> {
                    LOG.errorf(error, "work record %s failed unexpectedly; kept in the dead-letter topic", origin(record));
                    registry.counter("workchain.esb.records", "result", "dead-letter").increment();
                    registry.counter("workchain.dead.letters", "service", "esb", "class", "error").increment();
                    return deadLetters.publish(record, value, "could not be processed: "
                            + error.getClass().getSimpleName() + ": " + error.getMessage(), null);
                })
                .chain(() -> ack(message))
                .onFailure().recoverWithUni(error -> nack(message, error));
    }

    private Uni<Void> run(IncomingKafkaRecordMetadata<?, ?> record, byte[] value) {
        boolean trusted = record.getTopic().equals(stepsTopic);
        WorkMessage work;
        try {
            WorkMessage read = MessageCodec.decode(value, header(record, WorkchainHeaders.CONTENT_TYPE),
                    WorkMessage.class, config.limits().messageLimits());
            // The notifier's next steps carry the hash it checked, and are in place: it wrote them.
            work = trusted && read.hash() != null ? read : ChainHash.ensure(read);
        } catch (MalformedMessageException e) {
            return refuse(record, value, e, trusted);
        }
        return inPlace(record, work.hash(), trusted).chain(inPlace -> inPlace
                ? dispatch(record, value, work, trusted)
                : leftToTheNotifier(record, work.hash()));
    }

    /**
     * A record that cannot be run goes to the dead-letter topic where it sits in place; out of
     * place (its hash can be known, its partition is another), the notifier puts it in place
     * first, and the copy in place is the one dead-lettered, and answered on its chain's partition.
     */
    private Uni<Void> refuse(IncomingKafkaRecordMetadata<?, ?> record, byte[] value, MalformedMessageException e,
                             boolean trusted) {
        Optional<RefusedWork.Identity> identity = trusted ? Optional.empty()
                : RefusedWork.identify(value, header(record, WorkchainHeaders.CONTENT_TYPE));
        Uni<Boolean> inPlace = identity.isEmpty() ? Uni.createFrom().item(true)
                : inPlace(record, identity.get().hash(), false);
        return inPlace.chain(placed -> {
            if (!placed) {
                return leftToTheNotifier(record, identity.get().hash());
            }
            LOG.warnf("work record %s refused: %s", origin(record), e.getMessage());
            registry.counter("workchain.esb.records", "result", "dead-letter").increment();
            registry.counter("workchain.dead.letters", "service", "esb", "class", "malformed").increment();
            return deadLetters.publish(record, value, e.getMessage(), e.field());
        });
    }

    private Uni<Boolean> inPlace(IncomingKafkaRecordMetadata<?, ?> record, String hash, boolean trusted) {
        return trusted ? Uni.createFrom().item(true)
                : placement.isInPlace(record.getTopic(), record.getPartition(), (String) record.getKey(), hash);
    }

    private Uni<Void> leftToTheNotifier(IncomingKafkaRecordMetadata<?, ?> record, String hash) {
        // The notifier puts it back keyed by its hash, on its chain's partition: the copy is the one run.
        LOG.debugf("work record %s is not in place for its hash %s (key or partition): left to the notifier",
                origin(record), hash);
        registry.counter("workchain.esb.records", "result", "awaiting-placement").increment();
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> dispatch(IncomingKafkaRecordMetadata<?, ?> record, byte[] value, WorkMessage work, boolean trusted) {
        if (!trusted) {
            // A client's submission is a request only: results come from the ESB and the services,
            // and the notifier's next steps (on the steps topic, which clients cannot write).
            work = work.withoutResponses();
        }
        long deadline = deadline(record, work, trusted);
        // This step's span, child of the record's traceparent (the client's, or the notifier's fold
        // for a next step): the chain is one trace. Without tracing, the trace id passes as it came.
        String incoming = header(record, CallHeaders.TRACEPARENT);
        Span span = ChainTrace.start(tracer, "esb step", SpanKind.CONSUMER, incoming, work.hash());
        work.nextStep().ifPresent(step -> span.setAttribute("workchain.step", step));
        String traceparent = ChainTrace.traceparent(span, TraceContext.traceparentOrNew(incoming));
        // The chain as JSON, for routes that deliver the whole work message: the notifier's next
        // steps are its own JSON already; a client's submission is written anew (hash filled in,
        // responses dropped, strict JSON).
        String json = trusted && looksLikeJson(value) ? new String(value, StandardCharsets.UTF_8)
                : MessageCodec.toJsonString(work);
        // Routes that receive the whole chain get no other item's credentials (amqp://user:pass@...).
        String workJson = SafeUrls.redactText(json);
        // The step began when its record was written, as the notifier reckons it (never later than now).
        long startedAt = Math.min(System.currentTimeMillis(), record.getTimestamp().toEpochMilli());
        return steps.runNextStep(work, workJson, traceparent, new StepClock(startedAt, deadline))
                .invoke(() -> registry.counter("workchain.esb.records", "result", "dispatched").increment())
                .onTermination().invoke(span::end);
    }

    /** The notifier stamps its next steps with the chain's deadline; a new chain's starts now. */
    private long deadline(IncomingKafkaRecordMetadata<?, ?> record, WorkMessage work, boolean trusted) {
        Long stamped = trusted ? WorkchainHeaders.number(record.getHeaders(), WorkchainHeaders.DEADLINE) : null;
        if (stamped != null) {
            return stamped;
        }
        long start = Math.min(System.currentTimeMillis(), record.getTimestamp().toEpochMilli());
        return Deadlines.chainDeadline(start, work.timeoutMs(), config.defaultChainTimeout(), config.maxChainTimeout());
    }

    private static boolean looksLikeJson(byte[] value) {
        return value.length > 0 && value[0] == '{';
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
