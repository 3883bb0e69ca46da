package io.workchain.esb.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Builds outgoing records: a value, a key and headers. */
final class KafkaRecords {

    /** Backoff between tries of a write the broker did not take: an outage is waited out. */
    static final Duration RETRY_INITIAL = Duration.ofMillis(500);
    static final Duration RETRY_MAX = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(KafkaRecords.class);

    private KafkaRecords() {}

    static Message<byte[]> record(String key, byte[] value, List<Header> headers) {
        return Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(new RecordHeaders(headers)).build());
    }

    /**
     * Sends the record, and again after a backoff (growing to {@link #RETRY_MAX}) each time the
     * broker does not take it, until it does: an outage of the broker is waited out, and the work
     * record whose write this is stays unacknowledged meanwhile.
     */
    static Uni<Void> sendUntilTaken(MutinyEmitter<byte[]> emitter, Supplier<Message<byte[]>> record, String what) {
        return Uni.createFrom().deferred(() -> emitter.sendMessage(record.get()))
                .onFailure()
                .invoke(error -> LOG.warnf("could not write %s (%s); trying again", what, error.getMessage()))
                .onFailure().retry().withBackOff(RETRY_INITIAL, RETRY_MAX).indefinitely();
    }
}
