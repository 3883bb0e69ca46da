package io.workchain.esb.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.workchain.common.DeadLetterHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Keeps a refused work record in the dead-letter topic: original key and bytes (cut to fit a
 * record), reason in headers. Tried again until the broker takes it: a record is acknowledged only
 * once its dead letter is written, so nothing refused is lost.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    static final String SERVICE = "workchain-esb";
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final MutinyEmitter<byte[]> emitter;

    public DeadLetterPublisher(@Channel(Channels.DEAD_LETTER) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(IncomingKafkaRecordMetadata<?, ?> source, byte[] value, String reason, String field) {
        Object key = source.getKey();
        List<Header> headers = DeadLetterHeaders.of(source.getHeaders(), reason, field,
                DeadLetterHeaders.origin(source.getTopic(), source.getPartition(), source.getOffset()), SERVICE);
        byte[] kept = DeadLetterHeaders.boundedValue(value, headers);
        String safeKey = key == null ? null : io.workchain.common.limits.Reasons.bounded(key.toString(), 200);
        return Uni.createFrom().deferred(() -> emitter.sendMessage(KafkaRecords.record(safeKey, kept, headers)))
                .onFailure().invoke(error -> LOG.warnf("could not write a dead letter (%s); trying again", error.getMessage()))
                .onFailure().retry().withBackOff(KafkaRecords.RETRY_INITIAL, KafkaRecords.RETRY_MAX).indefinitely();
    }
}
