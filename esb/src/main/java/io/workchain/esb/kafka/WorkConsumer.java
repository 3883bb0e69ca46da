package io.workchain.esb.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.workchain.common.DeadLetterHeaders;
import io.workchain.common.RecordHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.esb.config.EsbConfig;
import io.workchain.esb.health.WorkStreamHealthCheck;
import io.workchain.esb.service.StepProcessor;
import io.workchain.esb.service.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;


/**
 * Consumes the work topic: up to {@code max-concurrent-records} records at once (back-pressure
 * beyond that: the connector pauses the consumer). Each record is decoded, checked (hash
 * included) and its next step run; it is acknowledged only once that step's notifications are
 * written, or once it is in the dead-letter topic when it cannot be read.
 */
@ApplicationScoped
public class WorkConsumer {

    private static final Logger LOG = Logger.getLogger(WorkConsumer.class);

    private final Multi<Message<byte[]>> records;
    private final StepProcessor steps;
    private final DeadLetterPublisher deadLetters;
    private final EsbConfig config;
    private final MeterRegistry registry;
    private final WorkStreamHealthCheck health;

    public WorkConsumer(@Channel(Channels.WORK) Multi<Message<byte[]>> records, StepProcessor steps,
                        DeadLetterPublisher deadLetters, EsbConfig config, MeterRegistry registry,
                        @Liveness WorkStreamHealthCheck health) {
        this.health = health;
        this.records = records;
        this.steps = steps;
        this.deadLetters = deadLetters;
        this.config = config;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        records.onItem().transformToUni(message -> Uni.createFrom().deferred(() -> handle(message))
                        .onFailure().recoverWithUni(error -> nack(message, error)))
                .merge(config.maxConcurrentRecords())
                .subscribe().with(done -> { }, error -> {
                    LOG.error("the work stream stopped", error);
                    health.stopped(error);
                }, () -> health.stopped(null));
    }

    Uni<Void> handle(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a work record without Kafka metadata"));
        byte[] value = message.getPayload() == null ? new byte[0] : message.getPayload();
        WorkMessage work;
        try {
            work = ChainHash.ensure(MessageCodec.decode(value, header(record, RecordHeaders.CONTENT_TYPE), WorkMessage.class));
        } catch (MalformedMessageException e) {
            LOG.warnf("work record %s refused: %s", origin(record), e.getMessage());
            registry.counter("workchain.esb.records", "result", "dead-letter").increment();
            return deadLetters.publish(record, value, e.getMessage(), e.field())
                    .chain(() -> ack(message))
                    .onFailure().recoverWithUni(error -> nack(message, error));
        }
        if (!work.hash().equals(record.getKey())) {
            // The notifier puts it back keyed by its hash; only then does it have its chain's partition.
            LOG.debugf("work record %s is keyed '%s', not by its hash %s: left to the notifier to re-key",
                    origin(record), record.getKey(), work.hash());
            registry.counter("workchain.esb.records", "result", "awaiting-rekey").increment();
            return ack(message);
        }
        String traceparent = TraceContext.traceparentOrNew(header(record, CallHeaders.TRACEPARENT));
        return steps.runNextStep(work, traceparent)
                .invoke(() -> registry.counter("workchain.esb.records", "result", "dispatched").increment())
                .chain(() -> ack(message))
                .onFailure().recoverWithUni(error -> nack(message, error));
    }

    private static Uni<Void> ack(Message<byte[]> message) {
        return Uni.createFrom().completionStage(message::ack);
    }

    /** Writing to Kafka failed: fail the channel (health DOWN) so the record is read again after a restart. */
    private static Uni<Void> nack(Message<byte[]> message, Throwable error) {
        LOG.error("could not finish a work record; it will be read again after a restart", error);
        return Uni.createFrom().completionStage(() -> message.nack(error));
    }

    private static String header(IncomingKafkaRecordMetadata<?, ?> record, String name) {
        return RecordHeaders.text(record.getHeaders(), name);
    }

    private static String origin(IncomingKafkaRecordMetadata<?, ?> record) {
        return DeadLetterHeaders.origin(record.getTopic(), record.getPartition(), record.getOffset());
    }
}
