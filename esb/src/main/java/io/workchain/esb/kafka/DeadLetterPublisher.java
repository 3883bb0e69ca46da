package io.workchain.esb.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.workchain.common.DeadLetterHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Keeps a refused work record in the dead-letter topic: original key and bytes (cut to fit a
 * record), reason in headers. Tried again until the broker takes it: a record is acknowledged only
 * once its dead letter is written, so nothing refused is lost.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    static final String SERVICE = "workchain-esb";

    private final MutinyEmitter<byte[]> emitter;

    public DeadLetterPublisher(@Channel(Channels.DEAD_LETTER) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(IncomingKafkaRecordMetadata<?, ?> source, byte[] value, String reason, String field) {
        Object key = source.getKey();
        DeadLetterHeaders.DeadLetter letter = DeadLetterHeaders.deadLetter(key == null ? null : key.toString(), value,
                source.getHeaders(), reason, field,
                DeadLetterHeaders.origin(source.getTopic(), source.getPartition(), source.getOffset()), SERVICE);
        return KafkaRecords.sendUntilTaken(emitter, () -> KafkaRecords.record(letter.key(), letter.value(), letter.headers()),
                "a dead letter");
    }
}
