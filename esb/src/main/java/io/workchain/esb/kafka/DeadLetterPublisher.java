package io.workchain.esb.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.workchain.common.DeadLetterHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Keeps a refused work record in the dead-letter topic: original key and bytes, reason in headers. */
@ApplicationScoped
public class DeadLetterPublisher {

    static final String SERVICE = "workchain-esb";

    private final MutinyEmitter<byte[]> emitter;

    public DeadLetterPublisher(@Channel(Channels.DEAD_LETTER) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(IncomingKafkaRecordMetadata<?, ?> source, byte[] value, String reason, String field) {
        Object key = source.getKey();
        return emitter.sendMessage(KafkaRecords.record(key == null ? null : key.toString(), value,
                DeadLetterHeaders.of(source.getHeaders(), reason, field,
                        DeadLetterHeaders.origin(source.getTopic(), source.getPartition(), source.getOffset()), SERVICE)));
    }
}
