package io.workchain.common;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The headers of a dead-letter record: the original record's headers, then why it was refused,
 * the field at fault (when one is), where it came from and which service refused it. The value
 * and key are the original bytes, untouched.
 */
public final class DeadLetterHeaders {

    private DeadLetterHeaders() {
    }

    public static List<Header> of(Iterable<Header> original, String reason, String field, String origin, String service) {
        List<Header> headers = new ArrayList<>();
        if (original != null) {
            original.forEach(headers::add);
        }
        headers.add(text(RecordHeaders.DLQ_REASON, reason));
        if (field != null && !field.isEmpty()) {
            headers.add(text(RecordHeaders.DLQ_FIELD, field));
        }
        headers.add(text(RecordHeaders.DLQ_ORIGIN, origin));
        headers.add(text(RecordHeaders.DLQ_SERVICE, service));
        return headers;
    }

    /** topic-partition@offset, how a dead-letter record names where it came from. */
    public static String origin(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    private static Header text(String name, String value) {
        return new RecordHeader(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
