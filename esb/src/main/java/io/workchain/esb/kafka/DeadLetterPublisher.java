package io.workchain.esb.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.workchain.common.DeadLetterHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.Locale;

/**
 * Keeps a refused step record in the dead-letter topic: original key and bytes (cut to fit a
 * record), reason in headers, and counts it by class. Tried again until the broker takes it: a
 * record is acknowledged only once its dead letter is written, so nothing refused is lost.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    static final String SERVICE = "workchain-esb";

    /** Why a record is refused: it could not be read (malformed), or handling it failed (error). */
    public enum DeadLetterClass {
        MALFORMED, ERROR
    }

    private final MutinyEmitter<byte[]> emitter;
    private final MeterRegistry registry;

    public DeadLetterPublisher(@Channel(Channels.DEAD_LETTER) MutinyEmitter<byte[]> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.registry = registry;
        // Registered up front, so dashboards and alerts see zeros rather than no series.
        for (DeadLetterClass reasonClass : DeadLetterClass.values()) {
            counter(reasonClass);
        }
    }

    public Uni<Void> publish(IncomingKafkaRecordMetadata<?, ?> source, byte[] value, String reason, String field,
            DeadLetterClass reasonClass) {
        registry.counter("workchain.esb.records", "result", "dead-letter").increment();
        counter(reasonClass).increment();
        Object key = source.getKey();
        DeadLetterHeaders.DeadLetter letter = DeadLetterHeaders.deadLetter(key == null ? null : key.toString(), value,
                source.getHeaders(), reason, field,
                DeadLetterHeaders.origin(source.getTopic(), source.getPartition(), source.getOffset()), SERVICE);
        return KafkaRecords.sendUntilTaken(emitter,
                () -> KafkaRecords.record(letter.key(), letter.value(), letter.headers()),
                "a dead letter");
    }

    private Counter counter(DeadLetterClass reasonClass) {
        return registry.counter("workchain.dead.letters", "service", "esb", "class",
                reasonClass.name().toLowerCase(Locale.ROOT));
    }
}
