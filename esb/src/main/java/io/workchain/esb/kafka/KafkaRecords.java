package io.workchain.esb.kafka;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.workchain.common.RecordHeaders;
import io.workchain.common.codec.WireFormat;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.List;

/** Builds outgoing records: a value, a key and headers. */
final class KafkaRecords {

    /** Backoff between tries of a write the broker did not take: an outage is waited out. */
    static final Duration RETRY_INITIAL = Duration.ofMillis(500);
    static final Duration RETRY_MAX = Duration.ofSeconds(10);

    private KafkaRecords() {
    }

    static Message<byte[]> record(String key, byte[] value, List<Header> headers) {
        return Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(new org.apache.kafka.common.header.internals.RecordHeaders(headers)).build());
    }

    static List<Header> jsonContentType() {
        return List.of(RecordHeaders.contentType(WireFormat.JSON));
    }
}
